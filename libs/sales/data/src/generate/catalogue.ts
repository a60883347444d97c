import type { SeededRandom } from '@cd4ml/random';
import type { Item, Store } from '@cd4ml/sales-schema';

interface Family {
  name: string;
  perishable: boolean;
  /** Sold by weight: unit_sales is fractional (kilograms). */
  byWeight: boolean;
  /** Relative share of the catalogue. */
  share: number;
}

/** Favorita's product families with their real perishable flags. */
export const families: readonly Family[] = [
  { name: 'GROCERY I', perishable: false, byWeight: false, share: 30 },
  { name: 'BEVERAGES', perishable: false, byWeight: false, share: 14 },
  { name: 'CLEANING', perishable: false, byWeight: false, share: 10 },
  { name: 'PRODUCE', perishable: true, byWeight: true, share: 8 },
  { name: 'DAIRY', perishable: true, byWeight: false, share: 7 },
  { name: 'PERSONAL CARE', perishable: false, byWeight: false, share: 6 },
  { name: 'BREAD/BAKERY', perishable: true, byWeight: false, share: 5 },
  { name: 'HOME CARE', perishable: false, byWeight: false, share: 4 },
  { name: 'DELI', perishable: true, byWeight: true, share: 3 },
  { name: 'MEATS', perishable: true, byWeight: true, share: 3 },
  { name: 'POULTRY', perishable: true, byWeight: true, share: 2 },
  { name: 'EGGS', perishable: true, byWeight: false, share: 2 },
  { name: 'FROZEN FOODS', perishable: false, byWeight: false, share: 2 },
  { name: 'LIQUOR,WINE,BEER', perishable: false, byWeight: false, share: 2 },
  { name: 'SEAFOOD', perishable: true, byWeight: true, share: 1 },
  { name: 'PET SUPPLIES', perishable: false, byWeight: false, share: 1 },
];

export const familyByName = new Map(families.map((f) => [f.name, f]));

/** The three items of the original CD4ML workshop, with their real attributes. */
export const workshopItems: readonly Item[] = [
  { item_nbr: 99197, family: 'GROCERY I', class: 1067, perishable: false }, // "milk"
  { item_nbr: 105574, family: 'GROCERY I', class: 1045, perishable: false }, // "cheese"
  { item_nbr: 1963838, family: 'CLEANING', class: 3024, perishable: false }, // "soap"
];

/** Real Favorita stores (number, city, state, type, cluster); the first `n` are used. */
export const storePool: readonly Store[] = [
  { store_nbr: 44, city: 'Quito', state: 'Pichincha', type: 'A', cluster: 5 },
  { store_nbr: 24, city: 'Guayaquil', state: 'Guayas', type: 'D', cluster: 1 },
  { store_nbr: 37, city: 'Cuenca', state: 'Azuay', type: 'D', cluster: 2 },
  { store_nbr: 23, city: 'Ambato', state: 'Tungurahua', type: 'D', cluster: 9 },
  { store_nbr: 12, city: 'Latacunga', state: 'Cotopaxi', type: 'C', cluster: 15 },
  { store_nbr: 51, city: 'Guayaquil', state: 'Guayas', type: 'A', cluster: 17 },
  { store_nbr: 45, city: 'Quito', state: 'Pichincha', type: 'A', cluster: 11 },
  { store_nbr: 35, city: 'Playas', state: 'Guayas', type: 'C', cluster: 3 },
  { store_nbr: 15, city: 'Ibarra', state: 'Imbabura', type: 'C', cluster: 15 },
  { store_nbr: 54, city: 'El Carmen', state: 'Manabi', type: 'C', cluster: 3 },
];

/** The largest number of stores the generator can write. */
export const maxStores = storePool.length;

export function buildStores(count: number): Store[] {
  if (count < 1 || count > storePool.length) {
    throw new RangeError(`stores must be between 1 and ${storePool.length}, got ${count}`);
  }
  return storePool.slice(0, count);
}

/** The workshop items plus `count - 3` seeded random items, sorted by item number. */
export function buildItems(count: number, rng: SeededRandom): Item[] {
  if (count < workshopItems.length) throw new RangeError(`items must be at least ${workshopItems.length}, got ${count}`);
  const totalShare = families.reduce((sum, f) => sum + f.share, 0);
  const used = new Set(workshopItems.map((i) => i.item_nbr));
  const items = [...workshopItems];
  while (items.length < count) {
    const item_nbr = rng.int(96_995, 2_127_114); // the real item number range
    if (used.has(item_nbr)) continue;
    used.add(item_nbr);
    let draw = rng.next() * totalShare;
    const family = families.find((f) => (draw -= f.share) < 0) ?? families[0]!;
    const familyIndex = families.indexOf(family);
    items.push({ item_nbr, family: family.name, class: 1000 + familyIndex * 100 + rng.int(0, 40), perishable: family.perishable });
  }
  return items.sort((a, b) => a.item_nbr - b.item_nbr);
}
