// SQL of the carrier catalogue, with the shape of each row declared and checked (rowsOf).
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import { likeContaining } from '../../domain/like-pattern.js';

export const CarrierRow = Type.Object({
  mcc_mnc: Type.String(),
  mcc: Type.String(),
  mnc: Type.String(),
  brand: Nullable(Type.String()),
  operator: Nullable(Type.String()),
  country_name: Nullable(Type.String()),
  country_code: Nullable(Type.String()),
  status: Nullable(Type.String()),
  source: Type.String(),
});
export type CarrierRow = Static<typeof CarrierRow>;

export interface CarrierSeed {
  mcc: string;
  mnc: string;
  brand: string;
  operator: string;
  countryName: string;
  countryCode: string;
  status: string;
}

/** Adds the carriers that are missing (never overwrites a row); the number added. */
export async function insertMissing(db: Sql, data: CarrierSeed[], source: string) {
  const col = (pick: (n: CarrierSeed) => string) => sql.param(data.map(pick));
  const [added] = await rowsOf(
    db,
    CountRow,
    sql`WITH ins AS (
          INSERT INTO carriers (mcc_mnc, mcc, mnc, brand, operator, country_name, country_code, status, source)
          SELECT u.mcc || u.mnc, u.mcc, u.mnc, NULLIF(u.brand, ''), NULLIF(u.operator, ''), NULLIF(u.country, ''),
                 NULLIF(u.cc, ''), NULLIF(u.status, ''), ${source}
          FROM unnest(${col((n) => n.mcc)}::text[], ${col((n) => n.mnc)}::text[], ${col((n) => n.brand)}::text[],
                      ${col((n) => n.operator)}::text[], ${col((n) => n.countryName)}::text[],
                      ${col((n) => n.countryCode)}::text[], ${col((n) => n.status)}::text[])
               AS u(mcc, mnc, brand, operator, country, cc, status)
          ON CONFLICT (mcc_mnc) DO NOTHING
          RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
  );
  return added?.n ?? 0;
}

/** Carriers by MCC, country code, or text in brand, operator or country (a LIKE of the literal text). */
export async function listCarriers(
  db: Sql,
  f: { mcc?: string | undefined; countryCode?: string | undefined; text?: string | undefined },
  limit: number,
  offset: number,
) {
  const like = f.text ? likeContaining(f.text) : null;
  const where = sql`WHERE (${f.mcc ?? null}::text IS NULL OR mcc = ${f.mcc ?? null}::text)
    AND (${f.countryCode ?? null}::text IS NULL OR upper(country_code) = upper(${f.countryCode ?? null}::text))
    AND (${like}::text IS NULL OR brand ILIKE ${like}::text OR operator ILIKE ${like}::text OR country_name ILIKE ${like}::text)`;
  return {
    items: await rowsOf(db, CarrierRow, sql`SELECT * FROM carriers ${where} ORDER BY mcc_mnc LIMIT ${limit} OFFSET ${offset}`),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM carriers ${where}`))[0]?.n ?? 0,
  };
}

export const getCarrier = async (db: Sql, mccMnc: string) =>
  (await rowsOf(db, CarrierRow, sql`SELECT * FROM carriers WHERE mcc_mnc = ${mccMnc}`))[0] ?? null;
