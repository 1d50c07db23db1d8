import { NoticeProvider } from "@/components/ui/notice";

// The calendar's recording form says so in one toast (components/ui/notice.tsx); a layout keeps it while the page refreshes.
export default function ComplianceLayout({ children }: { children: React.ReactNode }) {
  return <NoticeProvider>{children}</NoticeProvider>;
}
