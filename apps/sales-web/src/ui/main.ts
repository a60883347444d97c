// The "Sales forecast" screen. Every call goes through the typed client, so the web UI's Pact
// consumer tests (libs/sales/client) cover exactly the calls this screen makes.
import { SalesApiError, SalesClient, type Store } from '@cd4ml/sales-client';
import { drawChart } from './chart.ts';

function byId<T extends HTMLElement | SVGElement>(id: string, type: abstract new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`the page has no #${id}`);
  return node;
}

const form = byId('forecast-form', HTMLFormElement);
const itemSelect = byId('item', HTMLSelectElement);
const storeField = byId('store-field', HTMLLabelElement);
const storeSelect = byId('store', HTMLSelectElement);
const dateInput = byId('date', HTMLInputElement);
const promo = byId('promo', HTMLInputElement);
const result = byId('result', HTMLParagraphElement);
const chart = byId('chart', SVGSVGElement);
const modelLine = byId('model', HTMLParagraphElement);
const client = new SalesClient(window.location.origin);

function show(text: string, isError = false): void {
  result.textContent = text;
  result.className = isError ? 'error' : '';
}

/** The store picker: every store of the model, shown only when there is more than one to pick from. */
function fillStores(stores: readonly Store[]): void {
  storeSelect.replaceChildren(...stores.map((s) => new Option(`${s.store_nbr} · ${s.city} (${s.type})`, String(s.store_nbr))));
  storeField.hidden = stores.length <= 1;
}

async function init(): Promise<void> {
  let catalogue;
  try {
    catalogue = await client.products();
  } catch (error) {
    show(error instanceof SalesApiError && error.status === 503 ? 'The forecast service is not ready yet.' : `Could not load the product list: ${(error as Error).message}`, true);
    return;
  }
  itemSelect.replaceChildren(...catalogue.products.map((i) => new Option(`${i.item_nbr} · ${i.family}`, String(i.item_nbr))));
  fillStores(catalogue.stores);
  const info = await client.model();
  dateInput.max = info.horizon.lastDate;
  modelLine.textContent = `Model ${info.modelVersion} · raw data ${info.rawDataVersion.slice(0, 12)} · processed data ${info.processedDataVersion.slice(0, 12)}`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  chart.toggleAttribute('hidden', true); // an SVG element has no .hidden property
  // The store is always sent, also when the model has one: the request never depends on a server default.
  const request = { date: dateInput.value, item_nbr: Number(itemSelect.value), store_nbr: Number(storeSelect.value), onpromotion: promo.checked };
  void (async () => {
    try {
      const { forecast } = await client.forecast(request);
      show(`Forecast: ${forecast.unit_sales} units on ${forecast.date}`);
      const recent = await client.recentActuals(forecast.item_nbr, forecast.store_nbr);
      drawChart(chart, recent.actuals, forecast);
      chart.toggleAttribute('hidden', false);
    } catch (error) {
      show((error as Error).message, true);
    }
  })();
});

init().catch((error: unknown) => show(`Could not load the model info: ${(error as Error).message}`, true));
