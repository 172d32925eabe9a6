import { z } from "zod";
import { isValidTimeZone } from "../time/timezone";

export const PASSWORD_MIN_LENGTH = 8;
// argon2 hashes any length, but an unbounded password is a cheap way to burn server CPU.
export const PASSWORD_MAX_LENGTH = 256;
export const DAILY_GOAL_CHOICES = [10, 20, 30, 50] as const;

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address.").max(254, "Email addresses are at most 254 characters."));

export const displayNameField = z
  .string()
  .trim()
  .min(1, "Enter a display name.")
  .max(60, "Display names are at most 60 characters.");

export const timeZoneField = z
  .string()
  .trim()
  .refine(isValidTimeZone, "Choose a valid IANA time zone, such as Europe/Paris.");

export const dailyGoalField = z.coerce
  .number()
  .int()
  .refine((value) => (DAILY_GOAL_CHOICES as readonly number[]).includes(value), {
    message: `Choose a daily goal of ${DAILY_GOAL_CHOICES.join(", ")} XP.`,
  });

export const newPasswordField = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Passwords must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`);

export const signUpInput = z.object({
  name: displayNameField,
  email: emailField,
  password: newPasswordField,
  timezone: timeZoneField.catch("UTC"),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
});
export type SignInInput = z.infer<typeof signInInput>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX_LENGTH),
  newPassword: newPasswordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const profileInput = z.object({
  name: displayNameField,
  timezone: timeZoneField,
  dailyGoalXp: dailyGoalField,
});
export type ProfileInput = z.infer<typeof profileInput>;
