import { redirect } from "next/navigation";

// The join form moved to /join, which guests can use too; old links and bookmarks land there.
export default function LivePage() {
  redirect("/join");
}
