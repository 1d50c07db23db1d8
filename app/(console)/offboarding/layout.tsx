import { NoticeProvider } from "@/components/ui/notice";

// The offboarding screens share one success notice, so it survives the move from the form to the new case.
export default function OffboardingLayout({ children }: { children: React.ReactNode }) {
  return <NoticeProvider>{children}</NoticeProvider>;
}
