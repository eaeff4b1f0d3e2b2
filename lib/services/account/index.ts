export { getAccountSettings, type AccountSettings } from "@/lib/services/account/get-settings";
