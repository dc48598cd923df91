// Key Vault in RBAC mode for the secrets the app needs in Azure. The app never sees the vault
// directly: its app settings are Key Vault references, resolved by the platform with the
// user-assigned identity (keyVaultReferenceIdentity), which gets Key Vault Secrets User here.
//
// A secret left empty is not created; function-app.bicep then leaves the matching setting empty
// (a reference to a missing secret would otherwise reach the app as the literal "@Microsoft.KeyVault(...)").

@description('Key Vault name (3-24 characters, globally unique).')
param name string

@description('Region.')
param location string

@description('Tags for the vault.')
param tags object

@description('Name of the app\'s user-assigned identity (same resource group).')
param identityName string

@secure()
@description('SendGrid API key; empty: no secret is created.')
param sendGridApiKey string

@secure()
@description('Inbound-parse shared secret; empty: no secret is created.')
param inboundSecret string

@secure()
@description('Secret the store back-end webhook is signed with; empty: no secret is created.')
param storeWebhookSecret string

@secure()
@description('Key prefilled report-page links are signed with; empty: no secret is created.')
param reportPrefillSecret string

@secure()
@minLength(32)
@description('Key customer links (status page, satisfaction) are signed with; always created.')
param customerLinkSecret string

@secure()
@description('Shopify Admin API access token for the order lookup; empty: no secret is created.')
param shopifyAccessToken string = ''

@secure()
@description('WooCommerce REST consumer key for the order lookup; empty: no secret is created.')
param wooCommerceConsumerKey string = ''

@secure()
@description('WooCommerce REST consumer secret for the order lookup; empty: no secret is created.')
param wooCommerceConsumerSecret string = ''

var sendGridApiKeySecretName = 'sendgrid-api-key'
var customerLinkSecretName = 'customer-link-secret'
var inboundSecretName = 'inbound-secret'
var storeWebhookSecretName = 'store-webhook-secret'
var shopifyAccessTokenSecretName = 'shopify-access-token'
var wooCommerceConsumerKeySecretName = 'woocommerce-consumer-key'
var wooCommerceConsumerSecretSecretName = 'woocommerce-consumer-secret'
var reportPrefillSecretName = 'report-prefill-secret'

// Key Vault Secrets User: read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridApiKeySecretName
  properties: {
    value: sendGridApiKey
  }
}

resource inboundSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(inboundSecret)) {
  parent: vault
  name: inboundSecretName
  properties: {
    value: inboundSecret
  }
}

resource storeWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(storeWebhookSecret)) {
  parent: vault
  name: storeWebhookSecretName
  properties: {
    value: storeWebhookSecret
  }
}

resource shopifyAccessTokenSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(shopifyAccessToken)) {
  parent: vault
  name: shopifyAccessTokenSecretName
  properties: {
    value: shopifyAccessToken
  }
}

resource wooCommerceConsumerKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(wooCommerceConsumerKey)) {
  parent: vault
  name: wooCommerceConsumerKeySecretName
  properties: {
    value: wooCommerceConsumerKey
  }
}

resource wooCommerceConsumerSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(wooCommerceConsumerSecret)) {
  parent: vault
  name: wooCommerceConsumerSecretSecretName
  properties: {
    value: wooCommerceConsumerSecret
  }
}

resource reportPrefillSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(reportPrefillSecret)) {
  parent: vault
  name: reportPrefillSecretName
  properties: {
    value: reportPrefillSecret
  }
}

resource customerLinkSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: customerLinkSecretName
  properties: {
    value: customerLinkSecret
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Secret names only, never a value. main.bicep knows from its own parameters whether each was created.
output sendGridApiKeySecretName string = sendGridApiKeySecretName
output inboundSecretName string = inboundSecretName
output storeWebhookSecretName string = storeWebhookSecretName
output reportPrefillSecretName string = reportPrefillSecretName
output customerLinkSecretName string = customerLinkSecretName
output shopifyAccessTokenSecretName string = shopifyAccessTokenSecretName
output wooCommerceConsumerKeySecretName string = wooCommerceConsumerKeySecretName
output wooCommerceConsumerSecretSecretName string = wooCommerceConsumerSecretSecretName
