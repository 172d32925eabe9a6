"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";

const ROLES = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const;
type Role = (typeof ROLES)[number];
const roleLabel: Record<Role, string> = { LEARNER: "Learner", INSTRUCTOR: "Instructor", ADMIN: "Admin" };

export function UserRoles({ viewerId }: { viewerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState("");
  const [pending, setPending] = useState<Record<string, Role>>({});
  const users = useQuery(trpc.admin.listUsers.queryOptions({ query: query || undefined, limit: 100 }));
  const setRole = useMutation(
    trpc.admin.setRole.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.listUsers.queryKey() }),
    }),
  );

  return (
    <div className="space-y-4">
      <div className="max-w-sm space-y-1">
        <label htmlFor="user-search" className="block text-sm font-medium">
          Search by name or email
        </label>
        <input id="user-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900" />
      </div>
      {setRole.error ? <Alert>{errorMessage(setRole.error)}</Alert> : null}
      {setRole.isSuccess ? <Alert tone="success">Role changed for {setRole.data.name}.</Alert> : null}
      {users.error ? <Alert>{errorMessage(users.error)}</Alert> : null}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users and their roles</caption>
          <thead className="border-b border-slate-200 dark:border-slate-800">
            <tr>
              <th scope="col" className="py-2 pr-4">Name</th>
              <th scope="col" className="py-2 pr-4">Email</th>
              <th scope="col" className="py-2 pr-4">Role</th>
              <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.data?.users.map((user) => {
              const selected = pending[user.id] ?? user.role;
              return (
                <tr key={user.id} className="border-b border-slate-100 dark:border-slate-900">
                  <td className="py-2 pr-4">{user.name}{user.id === viewerId ? " (you)" : ""}</td>
                  <td className="py-2 pr-4">{user.email}</td>
                  <td className="py-2 pr-4">
                    <label className="sr-only" htmlFor={`role-${user.id}`}>Role for {user.email}</label>
                    <select id={`role-${user.id}`} value={selected} onChange={(e) => setPending({ ...pending, [user.id]: e.target.value as Role })} className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900">
                      {ROLES.map((role) => (
                        <option key={role} value={role}>{roleLabel[role]}</option>
                      ))}
                    </select>
                  </td>
                  <td className="py-2">
                    <Button type="button" variant="secondary" disabled={selected === user.role || setRole.isPending} onClick={() => setRole.mutate({ userId: user.id, role: selected })} aria-label={`Save role for ${user.email}`}>
                      Save
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {users.isLoading ? <p role="status" className="py-4 text-sm">Loading users…</p> : null}
      </div>
    </div>
  );
}
