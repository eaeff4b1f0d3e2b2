import { describe, expect, it } from "vitest";
import { finishState, mapItemInput, mapItems, prepareInput, resolveSeconds } from "@/lib/workflows/asl/state-io";
import { testScope } from "@/lib/workflows/asl/test-scope";
import type { MapState, State } from "@/lib/workflows/asl/types";

const jsonPath = testScope();
const jsonata = testScope("JSONata", { limit: 2 });
const processor = { StartAt: "P", States: { P: { Type: "Pass" as const, End: true } } };

describe("Map items (JSONPath)", () => {
  // AWS docs, "Map state example" and "Map state example with Parameters".
  const input = {
    "ship-date": "2016-03-14T01:59:00Z",
    detail: {
      "delivery-partner": "UQS",
      shipped: [
        { prod: "R31", "dest-code": 9511, quantity: 1344 },
        { prod: "S39", "dest-code": 9511, quantity: 40 },
      ],
    },
  };
  const validateAll: MapState = {
    Type: "Map",
    InputPath: "$.detail",
    ItemsPath: "$.shipped",
    MaxConcurrency: 0,
    ResultPath: "$.detail.shipped",
    Parameters: { "parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner" },
    Iterator: processor,
    End: true,
  };

  it("selects the array with ItemsPath in the effective input (after InputPath)", async () => {
    const effective = await prepareInput(validateAll, input, jsonPath);
    expect(effective).toEqual(input.detail);
    expect(await mapItems(validateAll, effective, jsonPath)).toEqual(input.detail.shipped);
  });

  it("builds each iteration's input from the legacy Parameters with $$.Map.Item.Value", async () => {
    const effective = await prepareInput(validateAll, input, jsonPath);
    expect(await mapItemInput(validateAll, input.detail.shipped[0], 0, effective, jsonPath)).toEqual({
      parcel: { prod: "R31", "dest-code": 9511, quantity: 1344 },
      courier: "UQS",
    });
  });

  it("writes the iteration results where ResultPath says", async () => {
    const results = ["ok-1", "ok-2"];
    const { output } = await finishState(validateAll, input, results, jsonPath);
    expect(output).toEqual({ ...input, detail: { ...input.detail, shipped: results } });
  });

  it("injects $$.Map.Item.Index and Value (AWS docs context object example)", async () => {
    const state: MapState = {
      Type: "Map",
      ItemSelector: { "ContextIndex.$": "$$.Map.Item.Index", "ContextValue.$": "$$.Map.Item.Value" },
      ItemProcessor: processor,
      End: true,
    };
    const items = await mapItems(state, [{ who: "bob" }, { who: "meg" }, { who: "joe" }], jsonPath);
    const inputs = await Promise.all(items.map((item, i) => mapItemInput(state, item, i, items, jsonPath)));
    expect(inputs).toEqual([
      { ContextIndex: 0, ContextValue: { who: "bob" } },
      { ContextIndex: 1, ContextValue: { who: "meg" } },
      { ContextIndex: 2, ContextValue: { who: "joe" } },
    ]);
  });

  it("defaults ItemsPath to $ and passes each item as is (AWS docs ItemsPath example)", async () => {
    const pirates = { ThingsPiratesSay: [{ say: "Avast!" }, { say: "Yar!" }, { say: "Walk the Plank!" }] };
    const state: MapState = { Type: "Map", ItemsPath: "$.ThingsPiratesSay", Iterator: processor, End: true };
    expect(await mapItems(state, pirates, jsonPath)).toHaveLength(3);
    expect(await mapItemInput(state, { say: "Yar!" }, 1, pirates, jsonPath)).toEqual({ say: "Yar!" });
    expect(await mapItems({ Type: "Map", ItemProcessor: processor }, [1, 2], jsonPath)).toEqual([1, 2]);
  });

  it("fails with States.Runtime when the items are not an array (AWS's message)", async () => {
    const state: MapState = { Type: "Map", ItemProcessor: processor };
    await expect(mapItems(state, { foo: "bar" }, jsonPath)).rejects.toMatchObject({
      error: "States.Runtime",
      cause: 'Map state input must be an array but was: {"foo":"bar"}',
    });
    await expect(mapItems({ ...state, ItemsPath: "$.nope" }, {}, jsonPath)).rejects.toMatchObject({
      error: "States.Runtime",
    });
  });

  it("reports an ItemReader as unsupported with States.ItemReaderFailed", async () => {
    const state: MapState = {
      Type: "Map",
      ItemReader: { Resource: "arn:aws:states:::s3:getObject" },
      ItemProcessor: processor,
    };
    await expect(mapItems(state, {}, jsonPath)).rejects.toMatchObject({ error: "States.ItemReaderFailed" });
  });
});

describe("Map items (JSONata)", () => {
  it("evaluates Items, defaulting to the state input", async () => {
    const state: MapState = { Type: "Map", Items: "{% $states.input.list[[0..$limit-1]] %}", ItemProcessor: processor };
    expect(await mapItems(state, { list: ["a", "b", "c"] }, jsonata)).toEqual(["a", "b"]);
    expect(await mapItems({ Type: "Map", Items: [1, "{% $limit %}"], ItemProcessor: processor }, {}, jsonata)).toEqual([
      1, 2,
    ]);
    expect(await mapItems({ Type: "Map", ItemProcessor: processor }, [9], jsonata)).toEqual([9]);
  });

  it("fails with States.QueryEvaluationError when Items is not an array (AWS's message)", async () => {
    const state: MapState = { Type: "Map", Items: "{% 'string' %}", ItemProcessor: processor };
    await expect(mapItems(state, {}, jsonata)).rejects.toMatchObject({
      error: "States.QueryEvaluationError",
      cause:
        "The JSONata expression ''string'' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: \"string\"",
    });
  });

  it("builds ItemSelector with the Map input and $states.context.Map.Item", async () => {
    const state: MapState = {
      Type: "Map",
      ItemSelector: {
        value: "{% $states.context.Map.Item.Value %}",
        index: "{% $states.context.Map.Item.Index %}",
        all: "{% $states.input.tag %}",
      },
      ItemProcessor: processor,
    };
    expect(await mapItemInput(state, "x", 4, { tag: "t" }, jsonata)).toEqual({ value: "x", index: 4, all: "t" });
  });
});

describe("resolveSeconds", () => {
  const task = (fields: object): State =>
    ({ Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", ...fields }) as State;

  it("uses the number as written, or its …Path form", async () => {
    expect(await resolveSeconds(task({ TimeoutSeconds: 300 }), "TimeoutSeconds", {}, jsonPath)).toBe(300);
    expect(await resolveSeconds(task({ HeartbeatSecondsPath: "$.hb" }), "HeartbeatSeconds", { hb: 60 }, jsonPath)).toBe(
      60,
    );
    expect(await resolveSeconds(task({}), "TimeoutSeconds", {}, jsonPath)).toBeUndefined();
    const vars = testScope("JSONPath", { timeout: 150 });
    expect(await resolveSeconds(task({ TimeoutSecondsPath: "$timeout" }), "TimeoutSeconds", {}, vars)).toBe(150);
  });

  it("fails with States.Runtime for a missing path or a value that is not a positive integer", async () => {
    await expect(
      resolveSeconds(task({ TimeoutSecondsPath: "$.NoSuchTimeoutSecondsPath" }), "TimeoutSeconds", {}, jsonPath),
    ).rejects.toMatchObject({
      error: "States.Runtime",
      cause: "Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']",
    });
    for (const bad of [0, -1, 1.5, "10"]) {
      await expect(
        resolveSeconds(task({ TimeoutSecondsPath: "$.t" }), "TimeoutSeconds", { t: bad }, jsonPath),
      ).rejects.toMatchObject({
        error: "States.Runtime",
      });
    }
  });

  it("evaluates a JSONata expression against the state input", async () => {
    const state = task({ TimeoutSeconds: "{% $states.input.t * $limit %}" });
    expect(await resolveSeconds(state, "TimeoutSeconds", { t: 30 }, jsonata)).toBe(60);
  });
});
