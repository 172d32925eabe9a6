import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { measurements } from "@/lib/ml/measurements";
import { measureTokenIssues, renderMeasureTokens, renderMeasureTokensDeep } from "./measure-tokens";

const here = path.dirname(fileURLToPath(import.meta.url));
const data = { "fashion-cnn": measurements.parse(JSON.parse(readFileSync(path.join(here, "fixtures", "measurements", "fashion-cnn", "measurements.json"), "utf8"))) };
const sources = [{ key: "yosinski-2014", label: "Yosinski et al., 2014", title: "How transferable are features in deep neural networks?", url: "https://arxiv.org/abs/1411.1792" }];

describe("{measure: …} tokens", () => {
  it("render the stored figure, not a typed one", () => {
    expect(renderMeasureTokens("Feature extraction reached {measure: fashion-5-9/feature-extraction@5} on {measure: fashion-5-9/test-images} images.", data, sources)).toBe(
      "Feature extraction reached 84.0% on 4,500 images.",
    );
    expect(renderMeasureTokens("{measure: fashion-5-9/from-scratch@10/seconds}, {measure: fashion-5-9/from-scratch@10/epochs} epochs, base {measure: fashion-cnn/base}", data, sources)).toBe(
      "1.50 s, 100 epochs, base 90.6%",
    );
  });

  it("render a checked claim with its interval and wins", () => {
    expect(renderMeasureTokens("It was {measure: fashion-5-9/feature-extraction@5/vs/from-scratch@5 | clearly better}.", data, sources)).toBe(
      "It was clearly better (+6.7 points, 95% interval +5.9 to +7.4; ahead in 3 of 3 seeds).",
    );
    expect(renderMeasureTokens("About {measure: fashion-5-9/data-ratio@5} the data.", data, sources)).toBe("About 2× the data.");
  });

  it("agree with claims that match the interval and report those that do not", () => {
    expect(measureTokenIssues("{measure: fashion-5-9/feature-extraction@5/vs/from-scratch@5 | clearly better} {measure: fashion-5-9/data-ratio@5 | about 2×}", data, [])).toEqual([]);
    expect(measureTokenIssues("{measure: fashion-5-9/from-scratch@10/vs/feature-extraction@5 | clearly worse}", data, [])).toEqual([
      '{measure: fashion-5-9/from-scratch@10/vs/feature-extraction@5}: claim "clearly worse" disagrees with the stored interval (−0.2 points, 95% interval −2.1 to +1.7; ahead in 1 of 3 seeds): that is "no clear difference"',
    ]);
    expect(measureTokenIssues("{measure: fashion-5-9/feature-extraction@5 | clearly better}", data, [])[0]).toMatch(/can only follow a comparison/);
    expect(measureTokenIssues("{measure: fashion-5-9/feature-extraction@5/vs/from-scratch@5 | better}", data, [])[0]).toMatch(/is not one of: clearly better/);
  });

  it("report references that name nothing measured", () => {
    expect(measureTokenIssues("{measure: cooking/feature-extraction@5}", data, [])).toEqual(['{measure: cooking/feature-extraction@5}: "cooking" is neither a lab task nor a base model']);
    expect(measureTokenIssues("{measure: fashion-5-9/feature-extraction@7}", data, [])).toEqual(["{measure: fashion-5-9/feature-extraction@7}: fashion-5-9 has no feature-extraction measurement at 7/class"]);
    expect(measureTokenIssues("{measure: fashion-5-9/feature-extraction@5/speed}", data, [])[0]).toMatch(/"speed" is not a measured figure/);
    expect(renderMeasureTokens("{measure: fashion-5-9/feature-extraction@7}", data, sources)).toBe("(figure missing)");
  });

  it("skip the lookup when no measurements are given (the studio's quick checks)", () => {
    expect(measureTokenIssues("{measure: fashion-5-9/feature-extraction@7}", undefined, undefined)).toEqual([]);
  });
});

describe("{cite: …} tokens", () => {
  it("render as general knowledge with the source's link, and report unknown keys", () => {
    expect(renderMeasureTokens("Early layers are general {cite: yosinski-2014}.", data, sources)).toBe(
      "Early layers are general (general knowledge, not measured in this lab: [Yosinski et al., 2014, *How transferable are features in deep neural networks?*](https://arxiv.org/abs/1411.1792)).",
    );
    expect(measureTokenIssues("{cite: nobody}", data, ["yosinski-2014"])).toEqual(['{cite: nobody}: no source "nobody" in content/sources.yaml']);
  });

  it("render inside every string of a lesson, leaving other values alone", () => {
    const lesson = { title: "T", minutes: 5, sections: [{ items: [{ text: "{measure: fashion-5-9/feature-extraction@5}" }] }] };
    expect(renderMeasureTokensDeep(lesson, data, sources)).toEqual({ title: "T", minutes: 5, sections: [{ items: [{ text: "84.0%" }] }] });
  });
});
