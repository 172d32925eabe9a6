import type { Metadata } from "next";
import { requireViewer } from "../../_components/access";
import { PageHeader } from "../../_components/page-header";

export const metadata: Metadata = { title: "ML lab" };

export default async function LabPage() {
  await requireViewer("/lab");
  return (
    <div>
      <PageHeader title="ML lab">Train neural networks in your browser with TensorFlow.js and compare transfer-learning strategies on real data.</PageHeader>
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
        No experiments are installed on this site yet.
      </p>
    </div>
  );
}
