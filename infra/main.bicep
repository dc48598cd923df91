// Amends on Azure: everything `azd up` provisions.
//
// Subscription scope, as azd expects: one resource group `rg-<environment>` holding
//   - a user-assigned managed identity: the only credential the app has,
//   - a storage account (tables, blobs, queues; no shared keys) for the app and the Durable Task back end,
//   - Log Analytics + Application Insights,
//   - a Key Vault (RBAC) holding the SendGrid API key, the inbound-parse secret and the customer-link key,
//   - a Function App on the Flex Consumption plan (FC1), tagged `azd-service-name: api`.
//
// App settings carry the same names as local.settings.sample.json (infra/check-settings.sh keeps them in step).
targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------
// azd environment
// ---------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment. Names the resource group (rg-<name>) and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

// ---------------------------------------------------------------------------------------------
// Secrets and the sender: azd prompts for these on the first `azd up` (or takes them from
// `azd env set SENDGRID_API_KEY ...`, see main.parameters.json). The two secrets may be left
// empty: the app then runs, but sends no mail / accepts no inbound post until they are set.
// ---------------------------------------------------------------------------------------------

@secure()
@description('SendGrid API key (Mail Send permission). Stored in Key Vault. Empty: no mail is sent until you set it and run azd provision.')
param sendGridApiKey string

@secure()
@description('Shared secret that SendGrid Inbound Parse must pass as ?key=... Stored in Key Vault. Empty: inbound mail is refused until you set it.')
param inboundSecret string

@secure()
@description('Secret the store back-end webhook is signed with (HMAC-SHA256); share it with the store. Stored in Key Vault. Needed (16+ characters) once Amends__StoreBackend__WebhookUrl is set.')
param storeWebhookSecret string = ''

@secure()
@description('Shopify custom app\'s Admin API access token (shpat_…), with orderSource Shopify. Stored in Key Vault.')
param shopifyAccessToken string = ''

@secure()
@description('WooCommerce REST API consumer key (ck_…, Read permission), with orderSource WooCommerce. Stored in Key Vault.')
param wooCommerceConsumerKey string = ''

@secure()
@description('WooCommerce REST API consumer secret (cs_…), with orderSource WooCommerce. Stored in Key Vault.')
param wooCommerceConsumerSecret string = ''

@secure()
@description('Key the store back end signs prefilled "report a problem" links with (HMAC-SHA256, 32+ characters; docs/report-page.md). Stored in Key Vault. Empty: prefilled links are not honoured.')
param reportPrefillSecret string = ''

@secure()
@minLength(32)
@description('Key customer links (status page, satisfaction question) are signed with, at least 32 characters, e.g. `openssl rand -hex 32`. Stored in Key Vault; changing it ends every link already sent.')
param customerLinkSecret string

@minLength(3)
@description('Sender address of every customer email; it must be a verified sender or domain in SendGrid.')
param emailFromAddress string

// ---------------------------------------------------------------------------------------------
// Tunable options, with the defaults of local.settings.sample.json
// ---------------------------------------------------------------------------------------------

@description('The store\'s name: the sender name of customer emails, and the header of customer pages and emails.')
param storeName string = 'Customer care'

@description('An https address of the store\'s logo for customer pages and emails. Empty: the name is written instead.')
param storeLogoUrl string = ''

@description('The store\'s contact address for customers, shown on customer pages and emails. Empty: none shown.')
param storeContactEmail string = ''

@description('The store\'s phone number for customers, shown on customer pages and emails. Empty: none shown.')
param storePhone string = ''

@description('The store\'s colour (#rrggbb, dark enough for white text on it) for customer pages and emails.')
param storeColour string = '#0b4fa8'

@description('The store back end\'s endpoint for refund and store-credit events (HTTPS). Empty: none are sent; staff see a note to pay by hand.')
param storeWebhookUrl string = ''

@allowed(['None', 'StoreBackend', 'Shopify', 'WooCommerce'])
@description('Where incidents read their orders (README, "Connect the store\'s orders"). None: incidents know only what the customer wrote.')
param orderSource string = 'None'

@description('The order source\'s address: the store back end\'s base URL, the Shopify shop (https://<shop>.myshopify.com) or the WooCommerce site (https).')
param orderSourceUrl string = ''

@description('Public key of SendGrid\'s signed event webhook (ECDSA, base64). Optional; a public key, not a secret.')
param inboundSignaturePublicKey string = ''

@description('The store\'s own addresses, comma-separated (e.g. owner@shop.example): mail they forward to the incidents address is the customer\'s, told by the forwarded block; nothing is ever sent back to them.')
param storeAddresses string = ''

@description('The store\'s own domains, comma-separated (e.g. shop.example): every address at them counts as the store\'s, as storeAddresses.')
param storeDomains string = ''

@description('Durable Task hub name (tables/queues/blobs of the orchestration back end are prefixed with it).')
param taskHubName string = 'amends'

@description('NCRONTAB schedule of the sweep and its workflow watchdog, in UTC (Linux apps have no WEBSITE_TIME_ZONE).')
param sweepSchedule string = '0 0 * * * *'

@description('How long a customer may go without news before the workflow sends an update (d.hh:mm:ss).')
param silenceLimit string = '7.00:00:00'

@minValue(0)
@maxValue(100)
@description('Discount offered as compensation, in percent.')
param discountPercent int = 10

@minValue(0)
@maxValue(100)
@description('Discount offered when an incident lasts longer than longIncidentAfter, in percent.')
param longIncidentDiscountPercent int = 20

@description('Age after which an incident counts as long (d.hh:mm:ss).')
param longIncidentAfter string = '14.00:00:00'

@description('How long a compensation discount code stays valid (d.hh:mm:ss).')
param discountValidity string = '90.00:00:00'

@minValue(1)
@maxValue(3650)
@description('Days after closing that an incident\'s raw mail and photos are kept: the storage lifecycle rule deletes them then, and the sweep does too.')
param closedIncidentFileRetentionDays int = 90

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound on the instances Flex Consumption scales out to (a cost ceiling).')
param maximumInstanceCount int = 100

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var names = {
  identity: 'id-amends-${resourceToken}'
  // 3-24 lower-case letters and digits
  storage: 'stamends${resourceToken}'
  logAnalytics: 'log-amends-${resourceToken}'
  appInsights: 'appi-amends-${resourceToken}'
  // 3-24 characters
  keyVault: 'kv-amends-${take(resourceToken, 13)}'
  plan: 'plan-amends-${resourceToken}'
  functionApp: 'func-amends-${resourceToken}'
  // Blob container the Flex Consumption platform deploys the app package from (3-63 characters)
  deploymentContainer: 'app-package-amends-${resourceToken}'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    identityName: names.identity
    closedIncidentFileRetentionDays: closedIncidentFileRetentionDays
  }
  dependsOn: [
    identity
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    identityName: names.identity
    sendGridApiKey: sendGridApiKey
    inboundSecret: inboundSecret
    storeWebhookSecret: storeWebhookSecret
    reportPrefillSecret: reportPrefillSecret
    customerLinkSecret: customerLinkSecret
    shopifyAccessToken: shopifyAccessToken
    wooCommerceConsumerKey: wooCommerceConsumerKey
    wooCommerceConsumerSecret: wooCommerceConsumerSecret
  }
  dependsOn: [
    identity
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
    sendGridApiKeySecretName: keyVault.outputs.sendGridApiKeySecretName
    sendGridApiKeyConfigured: !empty(sendGridApiKey)
    inboundSecretName: keyVault.outputs.inboundSecretName
    inboundSecretConfigured: !empty(inboundSecret)
    storeWebhookSecretName: keyVault.outputs.storeWebhookSecretName
    storeWebhookSecretConfigured: !empty(storeWebhookSecret)
    reportPrefillSecretName: keyVault.outputs.reportPrefillSecretName
    reportPrefillSecretConfigured: !empty(reportPrefillSecret)
    customerLinkSecretName: keyVault.outputs.customerLinkSecretName
    orderSecretNames: {
      shopifyAccessToken: empty(shopifyAccessToken) ? '' : keyVault.outputs.shopifyAccessTokenSecretName
      wooCommerceConsumerKey: empty(wooCommerceConsumerKey) ? '' : keyVault.outputs.wooCommerceConsumerKeySecretName
      wooCommerceConsumerSecret: empty(wooCommerceConsumerSecret) ? '' : keyVault.outputs.wooCommerceConsumerSecretSecretName
    }
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    options: {
      taskHubName: taskHubName
      sweepSchedule: sweepSchedule
      emailFromAddress: emailFromAddress
      storeName: storeName
      storeLogoUrl: storeLogoUrl
      storeContactEmail: storeContactEmail
      storePhone: storePhone
      storeColour: storeColour
      inboundSignaturePublicKey: inboundSignaturePublicKey
      storeAddresses: storeAddresses
      storeDomains: storeDomains
      storeWebhookUrl: storeWebhookUrl
      orderSource: orderSource
      orderSourceUrl: orderSourceUrl
      silenceLimit: silenceLimit
      discountPercent: discountPercent
      longIncidentDiscountPercent: longIncidentDiscountPercent
      longIncidentAfter: longIncidentAfter
      discountValidity: discountValidity
      closedIncidentFileRetentionDays: closedIncidentFileRetentionDays
    }
  }
  // Names are passed as plain values (so What-If can predict the app), hence the explicit order:
  // the role assignments in storage must exist before the app's host starts (keyVault is already
  // a dependency through its outputs).
  dependsOn: [
    identity
    storage
    monitoring
  ]
}

// ---------------------------------------------------------------------------------------------
// Outputs: azd stores them in .azure/<env>/.env. No secret is ever an output.
// ---------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
// Where SendGrid Inbound Parse posts; append ?key=<inbound secret> when you paste it into SendGrid.
output AMENDS_INBOUND_PARSE_URL string = '${functionApp.outputs.url}/api/v1/inbound/sendgrid'
