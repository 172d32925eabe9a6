// The model card shipped beside each pretrained base (public/models/<id>/card.json), shown in the lab.
import { z } from "zod";

export const modelCard = z.object({
  id: z.string(),
  title: z.string(),
  dataset: z.string(),
  classes: z.array(z.object({ index: z.number().int(), name: z.string() })),
  data: z.object({ train: z.string(), val: z.string(), test: z.string(), trainImages: z.number().int() }),
  architecture: z.object({
    inputWidth: z.number().int(),
    inputHeight: z.number().int(),
    filters: z.array(z.number().int()),
    kernelSize: z.number().int(),
    padding: z.enum(["valid", "same"]),
    layers: z.array(z.object({ name: z.string(), kind: z.string(), outputShape: z.array(z.number().int()), params: z.number().int() })),
    params: z.number().int(),
  }),
  training: z.object({
    epochs: z.number().int(),
    batchSize: z.number().int(),
    learningRate: z.number(),
    seed: z.number().int(),
    optimizer: z.string(),
    loss: z.string(),
    backend: z.string(),
    durationSeconds: z.number(),
  }),
  history: z.array(z.object({ epoch: z.number().int(), loss: z.number(), accuracy: z.number(), valLoss: z.number(), valAccuracy: z.number() })),
  testAccuracy: z.number(),
  /**
   * The base re-measured by `npm run ml:measure` on every test image of its source classes, and the
   * protocol the lab's transfer measurements follow (absent on a card no measurement has touched).
   */
  evaluation: z
    .object({ testImages: z.number().int(), testAccuracy: z.number(), testSource: z.string(), measuredAt: z.string(), protocol: z.array(z.string()) })
    .optional(),
  weightsBytes: z.number().int(),
  createdWith: z.string(),
  license: z.string(),
});
export type ModelCard = z.infer<typeof modelCard>;
