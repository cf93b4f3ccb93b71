import type { ReactNode } from "react";
import { PortalLayout } from "../portal-layout";

export default function Layout({ children }: { children: ReactNode }) {
  return <PortalLayout portal="service-om">{children}</PortalLayout>;
}
