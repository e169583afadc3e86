variable "name" {
  description = "Name prefix, kefir-<stage>: the secrets are kefir-<stage>-expo-access-token and kefir-<stage>-signing-key."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed key that encrypts both secrets."
  type        = string
}
