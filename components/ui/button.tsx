import { cva, type VariantProps } from "class-variance-authority";
import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/lib/client/cn";

const button = cva(
  "inline-flex items-center justify-center gap-1.5 rounded-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-45 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500",
  {
    variants: {
      variant: {
        primary: "bg-brand-500 text-white hover:bg-brand-600",
        secondary: "border border-slate-300 bg-white text-slate-800 hover:border-brand-500 hover:text-brand-600",
        danger: "border border-red-300 bg-white text-red-600 hover:bg-red-50",
        ghost: "text-slate-700 hover:bg-slate-100",
        link: "text-brand-600 hover:underline px-0",
      },
      size: { sm: "h-7 px-2.5 text-xs", md: "h-8 px-3.5 text-[13px]" },
    },
    defaultVariants: { variant: "secondary", size: "md" },
  },
);

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & VariantProps<typeof button>;

export function Button({ className, variant, size, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={cn(button({ variant, size }), className)} {...props} />;
}

export function buttonClass({ className, ...variants }: VariantProps<typeof button> & { className?: string }): string {
  return cn(button(variants), className);
}
