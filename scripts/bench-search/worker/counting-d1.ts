/**
 * A D1 binding that counts what comes back: rows, and among them the stored vectors
 * (`hex(embedding) AS e`) and list centroids (`hex(centroid) AS centroid`) that the search adapter
 * reads. The bench Worker hands it to the real adapter, so "vectors read per query" is what the
 * adapter actually read, not a re-derivation of its probe logic.
 */
export type Tally = { statements: number; rows: number; vectors: number; vectorBytes: number; centroids: number; centroidBytes: number };

export const emptyTally = (): Tally => ({ statements: 0, rows: 0, vectors: 0, vectorBytes: 0, centroids: 0, centroidBytes: 0 });

export function countingD1(db: D1Database, tally: Tally): D1Database {
  const raw = new WeakMap<object, D1PreparedStatement>();
  const count = (rows: unknown[]) => {
    tally.statements += 1;
    tally.rows += rows.length;
    for (const row of rows as Record<string, unknown>[]) {
      if (typeof row.e === "string") {
        tally.vectors += 1;
        tally.vectorBytes += row.e.length / 2;
      }
      if (typeof row.centroid === "string") {
        tally.centroids += 1;
        tally.centroidBytes += row.centroid.length / 2;
      }
    }
  };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const counted = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      all: async <T>() => {
        const result = await statement.all<T>();
        count(result.results);
        return result;
      },
      first: async (column?: string) => {
        const row: unknown = column === undefined ? await statement.first() : await statement.first(column);
        count(row && typeof row === "object" ? [row] : []);
        return row;
      },
      run: () => statement.run(),
      raw: () => statement.raw(),
    } as unknown as D1PreparedStatement;
    raw.set(counted, statement);
    return counted;
  };
  return {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: async (statements: D1PreparedStatement[]) => {
      const results = await db.batch(statements.map((s) => raw.get(s) ?? s));
      for (const r of results) count(r.results ?? []);
      return results;
    },
    exec: (sql: string) => db.exec(sql),
    withSession: () => {
      throw new Error("not used by the search adapter");
    },
    dump: () => {
      throw new Error("not used by the search adapter");
    },
  } as unknown as D1Database;
}
