import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { Lab } from "./_components/lab";
import type { BackendChoice } from "./_components/use-lab-worker";

export const metadata: Metadata = { title: "ML lab" };

const BACKEND_CHOICES: BackendChoice[] = ["auto", "webgl", "wasm", "cpu"];

export default async function LabPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const preset = typeof params.preset === "string" ? params.preset : null;
  const backend = typeof params.backend === "string" && (BACKEND_CHOICES as string[]).includes(params.backend) ? (params.backend as BackendChoice) : null;
  await requireViewer(preset ? `/lab?preset=${encodeURIComponent(preset)}` : "/lab");
  return (
    <div>
      <PageHeader title="ML lab">
        Train a small neural network in your browser with TensorFlow.js and compare transfer-learning strategies on real data: feature extraction, fine-tuning and training from scratch. Runs train on your
        device, or on the site&apos;s training workers with “Run on server”; your runs are saved to your lab history.
      </PageHeader>
      <Lab presetId={preset} backendParam={backend} />
    </div>
  );
}
