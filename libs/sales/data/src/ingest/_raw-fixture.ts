import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildManifest, writeManifest } from '@cd4ml/data';
import { rawFileNames } from '@cd4ml/sales-schema';
import { tempDirs } from '../_temp-dirs.ts';

/** Test support (never imported by a stage): a small raw snapshot with one example of each row problem. */
export const base = {
  'items.csv': 'item_nbr,family,class,perishable\n1,GROCERY I,1067,0\n2,"LIQUOR,WINE,BEER",1045,0\n3,DAIRY,2001,1\n',
  'stores.csv': 'store_nbr,city,state,type,cluster\n44,Quito,Pichincha,A,5\n24,Guayaquil,Guayas,D,1\n',
  'holidays_events.csv': [
    'date,type,locale,locale_name,description,transferred',
    '2017-08-10,Holiday,National,Ecuador,Primer Grito,True',
    '2017-08-11,Transfer,National,Ecuador,Traslado Primer Grito,False',
    '2017-07-24,Holiday,Local,Guayaquil,Fundacion de Guayaquil,False',
  ].join('\n'),
  'transactions.csv': 'date,store_nbr,transactions\n2017-08-10,44,900\n2017-08-11,44,1200\n',
  'oil.csv': 'date,dcoilwtico\n2017-08-10,48.5\n2017-08-11,\n',
  'train.csv': [
    'id,date,store_nbr,item_nbr,unit_sales,onpromotion',
    '0,2017-07-24,24,1,5,', // blank promotion -> false; local holiday in Guayaquil (a Monday)
    '1,2017-07-24,44,1,4,False', // not a holiday in Quito
    '2,2017-08-10,44,1,3.5,True', // transferred away: a working Thursday
    '3,2017-08-11,44,2,-2,False', // a return: excluded by policy
    '4,2017-08-11,44,3,7,False', // the transferred holiday: a day off
    '5,2017-02-30,44,1,1,False', // impossible date
    '6,2017-08-11,44,999,1,False', // unknown item
    '7,2017-08-11,44,1,many,False', // not a number
    '7,2017-08-11,44,1,1,False', // duplicate id
    '9,2017-08-11,44,1,1,Maybe', // bad promotion flag
  ].join('\n'),
};

/**
 * Raw snapshots for one test file, in temporary folders removed after its last test: `base` with
 * some files replaced (or left out, with `undefined`), and its manifest.
 */
export function rawFixtures(): (files?: Partial<Record<string, string>>) => Promise<{ raw: string; out: string }> {
  const tempDir = tempDirs('cd4ml-ingest-');
  return async (files = {}) => {
    const root = await tempDir();
    const raw = join(root, 'raw');
    await mkdir(raw);
    const all = { ...base, ...files };
    for (const [name, text] of Object.entries(all)) if (text !== undefined) await writeFile(join(raw, name), text);
    const present = rawFileNames.filter((n) => all[n] !== undefined);
    await writeManifest(join(raw, 'manifest.json'), await buildManifest(raw, present));
    return { raw, out: join(root, 'processed') };
  };
}
