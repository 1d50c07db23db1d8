import { NoticeProvider } from "@/components/ui/notice";

// The review screens share one success notice, so it survives the move from the start form to the new campaign.
export default function ReviewsLayout({ children }: { children: React.ReactNode }) {
  return <NoticeProvider>{children}</NoticeProvider>;
}
