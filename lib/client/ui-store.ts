"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";

// UI state only (never server data): how the operator arranged the console, kept across
// navigations and portal switches in this browser.
interface UiState {
  navCollapsed: boolean;
  toggleNav: () => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      navCollapsed: false,
      toggleNav: () => set((s) => ({ navCollapsed: !s.navCollapsed })),
    }),
    { name: "hcs-console-ui" },
  ),
);
