"use client";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { auditHref } from "@/lib/policy/security-dashboard";

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** Off-hours sign-ins per day; a click opens that day's successful sign-ins (the explorer has no off-hours filter). */
export function OffHoursChart({ data, label }: { data: { day: string; offHours: number }[]; label: string }) {
  const router = useRouter();
  return (
    <div className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          style={{ cursor: "pointer" }}
          onClick={(state) => {
            const day = state?.activeLabel;
            if (typeof day === "string") router.push(auditHref({ outcome: "success", from: day, to: day }));
          }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e5e5" />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
          <Tooltip labelFormatter={(d) => String(d).replaceAll("-", "/")} formatter={(v) => Number(v).toLocaleString("ja-JP")} />
          <Bar dataKey="offHours" name={label} fill="#b45309" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
