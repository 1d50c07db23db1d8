"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SignInsChartProps {
  data: { day: string; success: number; failure: number }[];
  labels: { success: string; failure: string };
}

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

export function SignInsChart({ data, labels }: SignInsChartProps) {
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
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
