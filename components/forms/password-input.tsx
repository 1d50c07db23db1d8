"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Eye, EyeOff } from "lucide-react";
import { Input } from "@/components/ui/input";

// A password field with a show/hide toggle and warnings for Caps Lock and full-width characters (IME on).
export function PasswordInput({ id, name, autoComplete, invalid, describedBy }: { id: string; name: string; autoComplete: string; invalid?: boolean; describedBy?: string }) {
  const t = useTranslations("signIn");
  const [visible, setVisible] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const [fullWidth, setFullWidth] = useState(false);
  const hintId = `${id}-warnings`;
  return (
    <div>
      <div className="relative">
        <Input
          id={id}
          name={name}
          type={visible ? "text" : "password"}
          autoComplete={autoComplete}
          required
          className="pr-10"
          aria-invalid={invalid || undefined}
          aria-describedby={[describedBy, hintId].filter(Boolean).join(" ")}
          onKeyUp={(e) => setCapsLock(e.getModifierState("CapsLock"))}
          onKeyDown={(e) => setCapsLock(e.getModifierState("CapsLock"))}
          onChange={(e) => setFullWidth(/[^\x00-\x7F]/.test(e.currentTarget.value))}
        />
        <button
          type="button"
          onClick={() => setVisible((v) => !v)}
          className="absolute right-1 top-1 rounded p-1.5 text-neutral-600 hover:bg-neutral-100"
          aria-label={visible ? t("hidePassword") : t("showPassword")}
          aria-pressed={visible}
        >
          {visible ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
        </button>
      </div>
      <div id={hintId} aria-live="polite">
        {capsLock ? <p className="mt-1 text-xs text-amber-800">{t("capsLock")}</p> : null}
        {fullWidth ? <p className="mt-1 text-xs text-amber-800">{t("fullWidthPassword")}</p> : null}
      </div>
    </div>
  );
}
