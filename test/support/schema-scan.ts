import { sql } from 'kysely';
import type { Db } from '../../src/persistence/database.ts';

export interface SchemaScan {
  /** Every base table of the schema, scanned or not. */
  tables: string[];
  /** Columns searched, as `table.column`. */
  columns: string[];
  /** Rows holding a needle, per table (tables without any are left out). */
  hits: Record<string, number>;
}

/**
 * Searches every column of the given types in every table of the current schema for any of the
 * needles (as substrings of the column's text), so tables added later are covered without
 * listing them.
 */
export async function scanSchema(
  db: Db,
  needles: string[],
  options: { dataTypes: string[]; columnFilter?: (column: string) => boolean },
): Promise<SchemaScan> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type in (${sql.join(options.dataTypes)})
    order by table_name, ordinal_position`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const c of columns.rows) {
    if (options.columnFilter && !options.columnFilter(c.column_name)) continue;
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  }
  const hits: Record<string, number> = {};
  for (const [table, cols] of byTable) {
    const conditions = cols.flatMap((col) =>
      needles.map((needle) => sql`position(${needle} in ${sql.id(col)}::text) > 0`),
    );
    const result = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.id(table)} where ${sql.join(conditions, sql` or `)}`.execute(db);
    const n = Number(result.rows[0]?.n ?? 0);
    if (n > 0) hits[table] = n;
  }
  return {
    tables: tables.rows.map((t) => t.table_name),
    columns: [...byTable].flatMap(([table, cols]) => cols.map((c) => `${table}.${c}`)),
    hits,
  };
}

export const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb'];
