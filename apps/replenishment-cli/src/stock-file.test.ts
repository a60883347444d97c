import { describe, expect, it } from 'vitest';
import { parseStock, StockFileError } from './stock-file.ts';

const header = 'item_nbr,on_hand,case_pack';

describe('parseStock', () => {
  it.each([
    [`${header}\n99197,10,12\n`, [{ item_nbr: 99197, on_hand: 10, case_pack: 12 }]],
    [`${header}\r\n99197,2.5,6\r\n\r\n105574,0,1`, [{ item_nbr: 99197, on_hand: 2.5, case_pack: 6 }, { item_nbr: 105574, on_hand: 0, case_pack: 1 }]],
  ])('reads %j', (text, lines) => {
    expect(parseStock(text, 'stock.csv')).toEqual(lines);
  });

  it.each([
    ['item,qty\n1,2', /stock\.csv: the first line must be "item_nbr,on_hand,case_pack"/],
    [`${header}\n`, /stock\.csv: no stock lines after the header/],
    [`${header}\n1,2`, /stock\.csv line 2: expected 3 values, got 2/],
    [`${header}\n99197,3,6\n105574,1,1\n99197,4,6`, /^stock\.csv line 4: item_nbr 99197 is already on line 2: give each item one line \(add up its stock on hand\)$/],
  ])('refuses %j, naming the line', (text, message) => {
    expect(() => parseStock(text, 'stock.csv')).toThrow(StockFileError);
    expect(() => parseStock(text, 'stock.csv')).toThrow(message);
  });

  it('lists every duplicate and every bad line at once', () => {
    const error = (() => {
      try {
        parseStock(`${header}\n1,1,1\n2,x,1\n1,1,1\n1,5,2`, 'stock.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StockFileError);
    expect((error as Error).message.split('\n')).toEqual([
      'stock.csv line 3: on_hand "x" is not a non-negative number',
      'stock.csv line 4: item_nbr 1 is already on line 2: give each item one line (add up its stock on hand)',
      'stock.csv line 5: item_nbr 1 is already on line 2: give each item one line (add up its stock on hand)',
    ]);
  });
});
