/**
 * The OpenSearch index and search pipeline MARIE searches, as the exact request bodies. Used by
 * `npm run search:setup` (scripts/search-setup.ts), which creates both, and by the adapter tests,
 * which check them. Keep this file free of imports: the Node setup script loads it as is.
 */

/** HNSW graph parameters: OpenSearch's defaults for m, a higher ef_construction for recall. */
export const HNSW_PARAMETERS = { m: 16, ef_construction: 128 } as const;

/**
 * Weights of the hybrid query's sub-queries, in their order: words (BM25), then meaning (k-NN).
 * OpenSearch requires them to add up to 1.
 */
export const HYBRID_WEIGHTS = [0.3, 0.7] as const;

/** The minimum OpenSearch version: the hybrid query and the normalization processor came in 2.11. */
export const MIN_OPENSEARCH_VERSION = [2, 11] as const;

/** `PUT /<index>` body for vectors of `dimensions` numbers (768 for nomic-embed-text). */
export function indexBody(dimensions: number) {
  return {
    settings: { index: { knn: true } },
    mappings: {
      dynamic: "strict",
      properties: {
        message_id: { type: "keyword" },
        user_id: { type: "keyword" },
        conversation_id: { type: "keyword" },
        role: { type: "keyword" },
        content: { type: "text" },
        created_at: { type: "date", format: "epoch_millis" },
        embedding: {
          type: "knn_vector",
          dimension: dimensions,
          method: { name: "hnsw", space_type: "cosinesimil", engine: "lucene", parameters: { ...HNSW_PARAMETERS } },
        },
      },
    },
  };
}

/** `PUT /_search/pipeline/<id>` body: min-max normalised scores, combined by a weighted mean. */
export function pipelineBody() {
  return {
    description: "MARIE hybrid search: BM25 and k-NN scores scaled to 0..1, then a weighted mean",
    phase_results_processors: [
      {
        "normalization-processor": {
          normalization: { technique: "min_max" },
          combination: { technique: "arithmetic_mean", parameters: { weights: [...HYBRID_WEIGHTS] } },
        },
      },
    ],
  };
}
