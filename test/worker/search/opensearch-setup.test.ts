// The OpenSearch index and pipeline: their exact bodies, and what `npm run search:setup` sends
// (run against the stub by test/global-setup.ts, twice: the second run must change nothing).
import { describe, expect, it } from "vitest";
import { indexBody, pipelineBody } from "../../../worker/search/opensearch/index-definition";
import { recorded, testEnv } from "./opensearch-helpers";

describe("OpenSearch index definition", () => {
  it("maps a cosine HNSW knn_vector of the given size, the words as text and the owner fields as keywords", () => {
    expect(indexBody(768)).toEqual({
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
            dimension: 768,
            method: { name: "hnsw", space_type: "cosinesimil", engine: "lucene", parameters: { m: 16, ef_construction: 128 } },
          },
        },
      },
    });
  });

  it("fuses with min-max normalisation and a weighted arithmetic mean, words then meaning", () => {
    const body = pipelineBody();
    expect(body.phase_results_processors).toEqual([
      {
        "normalization-processor": {
          normalization: { technique: "min_max" },
          combination: { technique: "arithmetic_mean", parameters: { weights: [0.3, 0.7] } },
        },
      },
    ]);
    const weights = body.phase_results_processors[0]!["normalization-processor"].combination.parameters.weights;
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});

describe("npm run search:setup", () => {
  const run = () => testEnv.OPENSEARCH_SETUP_RUNS.stub;

  it("creates the index and the pipeline, then finds both in place", () => {
    expect(run().error).toBeNull();
    expect(run().results).toEqual([
      { version: "2.19.0", index: "created", pipeline: "created" },
      { version: "2.19.0", index: "exists", pipeline: "unchanged" },
    ]);
    expect(run().log.join("\n")).toMatch(/OpenSearch 2\.19\.0 .*\n.*index setup-check: created/);
    expect(run().log.join("\n")).not.toContain(testEnv.OPENSEARCH_STUB_AUTH.split(":")[1]);
  });

  it("sends the exact index body once, with the requested dimension, and HTTP Basic auth", async () => {
    const requests = await recorded(run().index);
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "HEAD /setup-check 404",
      "PUT /setup-check 200",
      "HEAD /setup-check 200",
      "GET /setup-check/_mapping 200",
    ]);
    expect(requests.find((r) => r.method === "PUT")?.body).toEqual(indexBody(768));
    expect(requests.every((r) => r.authorization === `Basic ${btoa(testEnv.OPENSEARCH_STUB_AUTH)}`)).toBe(true);
  });

  it("puts the exact pipeline body once and leaves it alone when unchanged", async () => {
    const requests = await recorded(run().pipeline);
    expect(requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 404", "PUT 200", "GET 200"]);
    expect(requests[1]?.body).toEqual(pipelineBody());
  });
});
