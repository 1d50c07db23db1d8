import "server-only";
import QRCode from "qrcode";

/** An SVG QR code (no canvas needed) for an otpauth:// URI; embed it inline, it carries its own viewBox. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
