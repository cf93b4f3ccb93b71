"use client";
import { useQuery } from "@tanstack/react-query";
import type { InstanceDto, InstanceDetail } from "@/lib/server/queries/instances";
import type { VolumeDetail } from "@/lib/server/queries/volumes";

const POLL_MS = 1500;

/**
 * Fresh state for the rows of a list on screen (`GET <endpoint>?ids=...` answering `{ <field>: rows }`),
 * polled only while one of them is in flight. Rows that come back missing were deleted.
 */
export function usePolledRows<T extends { id: string; transitional: boolean }>(endpoint: string, field: string, initial: T[]) {
  const ids = initial.map((r) => r.id);
  const query = useQuery({
    queryKey: [endpoint, ids],
    queryFn: async (): Promise<T[]> => {
      const res = await fetch(`${endpoint}?ids=${ids.join(",")}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return ((await res.json()) as Record<string, T[]>)[field] ?? [];
    },
    initialData: initial,
    enabled: ids.length > 0,
    refetchInterval: (q) => ((q.state.data ?? []).some((r) => r.transitional) ? POLL_MS : false),
  });
  const fresh = new Map((query.data ?? []).map((r) => [r.id, r]));
  return { rows: ids.flatMap((id) => fresh.get(id) ?? []), refetch: query.refetch };
}

/** The instances on screen, polled while one is building, stopping, rebooting, deleting... */
export function useInstanceRows(initial: InstanceDto[]) {
  return usePolledRows("/api/v1/instances", "instances", initial);
}

/**
 * One resource's detail (`GET <url>`, null once it is gone), polled every `interval(data)`
 * milliseconds (false: not at all).
 */
export function usePolledDetail<T>(url: string, initial: T, interval: (data: T | null | undefined) => number | false) {
  return useQuery({
    queryKey: [url],
    queryFn: async (): Promise<T | null> => {
      const res = await fetch(url, { cache: "no-store" });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as T;
    },
    initialData: initial,
    refetchInterval: (q) => interval(q.state.data),
  });
}

export function useInstanceDetail(initial: InstanceDetail) {
  // Fast while a task runs; slowly while the hypervisor disagrees, until the power-state sync.
  return usePolledDetail(`/api/v1/instances/${initial.id}`, initial, (d) => (d?.transitional || d?.disks.some((x) => x.transitional) ? POLL_MS : d?.guestPowerState ? 5000 : false));
}

/** A volume's detail, polled while it or one of its snapshots is in flight. */
export function useVolumeDetail(initial: VolumeDetail) {
  return usePolledDetail(`/api/v1/volumes/${initial.id}`, initial, (d) => (d?.transitional || d?.snapshotList.some((s) => s.status === "creating" || s.status === "deleting") ? POLL_MS : false));
}
