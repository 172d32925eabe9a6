import type { Metadata } from "next";
import { requireRole } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { UserRoles } from "./user-roles";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const viewer = await requireRole("/admin/users", ["ADMIN"]);
  return (
    <div>
      <PageHeader title="Users">Change what each person can do. Instructors author courses and see their learners&apos; progress; admins also manage users.</PageHeader>
      <UserRoles viewerId={viewer.id} />
    </div>
  );
}
