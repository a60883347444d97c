// The "Sales forecast" screen: product list, forecasts and the chart's history all come from the JSON API.
import { drawChart } from './chart.js';

const form = document.querySelector('#forecast-form');
const itemSelect = document.querySelector('#item');
const dateInput = document.querySelector('#date');
const result = document.querySelector('#result');
const chart = document.querySelector('#chart');

function show(text, isError = false) {
  result.textContent = text;
  result.className = isError ? 'error' : '';
}

async function api(path, init) {
  const response = await fetch(path, init);
  const json = await response.json();
  if (!response.ok) throw new Error(json.error?.message ?? json.reason ?? `HTTP ${response.status}`);
  return json;
}

async function init() {
  let products;
  try {
    products = await api('/api/v1/products');
  } catch {
    show('The forecast service is not ready yet.', true);
    return;
  }
  itemSelect.replaceChildren(...products.products.map((i) => new Option(`${i.item_nbr} · ${i.family}`, String(i.item_nbr))));
  const info = await api('/api/v1/model');
  dateInput.max = info.horizon.lastDate;
  document.querySelector('#model').textContent = `Model ${info.modelVersion} · data ${info.dataVersion.slice(0, 12)}`;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  chart.toggleAttribute('hidden', true); // an SVG element has no .hidden property
  const body = { date: dateInput.value, item_nbr: Number(itemSelect.value), onpromotion: document.querySelector('#promo').checked };
  try {
    const { forecast } = await api('/api/v1/forecast', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    show(`Forecast: ${forecast.unit_sales} units on ${forecast.date}`);
    const recent = await api(`/api/v1/actuals/recent?item_nbr=${forecast.item_nbr}&store_nbr=${forecast.store_nbr}`);
    drawChart(chart, recent.actuals, forecast);
    chart.toggleAttribute('hidden', false);
  } catch (error) {
    show(error.message, true);
  }
});

init().catch((error) => show(`Could not load the product list: ${error.message}`, true));
