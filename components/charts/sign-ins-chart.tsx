"use client";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { auditHref } from "@/lib/policy/security-dashboard";

export interface SignInsChartProps {
  data: { day: string; success: number; failure: number }[];
  labels: { success: string; failure: string };
  /** A click on a day opens the audit explorer on that day's sign-ins with this outcome. */
  drillOutcome?: "success" | "failure";
}

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

export function SignInsChart({ data, labels, drillOutcome }: SignInsChartProps) {
  const router = useRouter();
  const open = (day: unknown) => {
    if (drillOutcome && typeof day === "string") router.push(auditHref({ outcome: drillOutcome, from: day, to: day }));
  };
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
          onClick={(state) => open(state?.activeLabel)}
          style={drillOutcome ? { cursor: "pointer" } : undefined}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e5e5" />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
          <Tooltip labelFormatter={(d) => String(d).replaceAll("-", "/")} formatter={(v) => Number(v).toLocaleString("ja-JP")} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="success" name={labels.success} stackId="s" fill="#0b5cd5" isAnimationActive={false} />
          <Bar dataKey="failure" name={labels.failure} stackId="s" fill="#dc2626" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
