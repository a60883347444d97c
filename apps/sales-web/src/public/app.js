// The "Sales forecast" screen: product list and forecasts both come from the JSON API.
const form = document.querySelector('#forecast-form');
const itemSelect = document.querySelector('#item');
const dateInput = document.querySelector('#date');
const result = document.querySelector('#result');

function show(text, isError = false) {
  result.textContent = text;
  result.className = isError ? 'error' : '';
}

async function init() {
  const [products, model] = await Promise.all([fetch('/api/v1/products'), fetch('/api/v1/model')]);
  if (!products.ok) {
    show('The forecast service is not ready yet.', true);
    return;
  }
  const { products: items } = await products.json();
  itemSelect.replaceChildren(
    ...items.map((i) => new Option(`${i.item_nbr} · ${i.family}`, String(i.item_nbr))),
  );
  const info = await model.json();
  dateInput.max = info.horizon.lastDate;
  document.querySelector('#model').textContent = `Model ${info.modelVersion} · data ${info.dataVersion.slice(0, 12)}`;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    date: dateInput.value,
    item_nbr: Number(itemSelect.value),
    onpromotion: document.querySelector('#promo').checked,
  };
  const response = await fetch('/api/v1/forecast', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) show(json.error.message, true);
  else show(`Forecast: ${json.forecast.unit_sales} units on ${json.forecast.date}`);
});

init().catch((error) => show(`Could not load the product list: ${error.message}`, true));
