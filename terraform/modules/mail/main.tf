data "aws_caller_identity" "current" {}

resource "aws_sesv2_email_identity" "this" {
  email_identity = var.domain
}

resource "aws_route53_record" "dkim" {
  count = 3

  zone_id = var.zone_id
  name    = "${aws_sesv2_email_identity.this.dkim_signing_attributes[0].tokens[count.index]}._domainkey.${var.domain}"
  type    = "CNAME"
  ttl     = 600
  records = ["${aws_sesv2_email_identity.this.dkim_signing_attributes[0].tokens[count.index]}.dkim.amazonses.com"]
}

# Cognito sends as this identity on the account's behalf.
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [aws_sesv2_email_identity.this.arn]

    principals {
      type        = "Service"
      identifiers = ["email.cognito-idp.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sesv2_email_identity_policy" "this" {
  email_identity = aws_sesv2_email_identity.this.email_identity
  policy_name    = "cognito-sends-sign-in-codes"
  policy         = data.aws_iam_policy_document.this.json
}
