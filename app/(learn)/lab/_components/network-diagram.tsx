import { describeNetwork, type BaseArchitecture } from "@/lib/ml/network";
import { Lock, Pencil } from "lucide-react";

const KIND_LABEL = { input: "Input", conv: "Convolution", pool: "Max pooling", flatten: "Flatten", dense: "Dense" } as const;

/** The network as a row of layers, each marked frozen (locked) or trainable, with parameter counts. */
export function NetworkDiagram({ arch, classes, trainableBaseLayers, pretrained }: { arch: BaseArchitecture; classes: number; trainableBaseLayers: number; pretrained: boolean }) {
  const layers = describeNetwork(arch, classes, trainableBaseLayers);
  const total = layers.reduce((sum, layer) => sum + layer.params, 0);
  const trainable = layers.filter((layer) => layer.trainable).reduce((sum, layer) => sum + layer.params, 0);
  return (
    <section aria-labelledby="network-heading" className="space-y-3">
      <h2 id="network-heading" className="text-lg font-semibold">
        The network
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <strong>{trainable.toLocaleString("en")}</strong> of {total.toLocaleString("en")} parameters train ({((trainable / total) * 100).toFixed(1)}%). The base starts from{" "}
        {pretrained ? "the pretrained weights" : "random weights"}; the head is always new.
      </p>
      <ol className="flex flex-wrap items-stretch gap-2" aria-label="Layers, input to output">
        {layers.map((layer) => {
          const weighted = layer.params > 0;
          const frozen = weighted && !layer.trainable;
          const tone = !weighted
            ? "border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900"
            : frozen
              ? "border-slate-400 bg-slate-200 dark:border-slate-500 dark:bg-slate-800"
              : "border-green-600 bg-green-50 dark:border-green-500 dark:bg-green-950";
          return (
            <li key={layer.name} className={`min-w-28 rounded-md border-2 px-3 py-2 text-xs ${tone} ${frozen ? "border-dashed" : ""}`}>
              <div className="flex items-center justify-between gap-2 font-semibold">
                <span>{layer.name}</span>
                {weighted ? frozen ? <Lock aria-hidden="true" className="h-3.5 w-3.5" /> : <Pencil aria-hidden="true" className="h-3.5 w-3.5" /> : null}
              </div>
              <div>{KIND_LABEL[layer.kind]}</div>
              <div>{layer.outputShape.join(" × ")}</div>
              <div>{weighted ? `${layer.params.toLocaleString("en")} params` : "no weights"}</div>
              {weighted ? <div className="font-semibold">{frozen ? "frozen" : "trainable"}</div> : null}
              <div className="text-slate-600 dark:text-slate-400">{layer.part === "head" ? "new head" : "base"}</div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
