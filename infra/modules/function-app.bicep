// The Function App on the Flex Consumption plan (FC1, Linux), running the isolated .NET worker.
//
// - The runtime is declared in functionAppConfig.runtime (dotnet-isolated 10.0): on Flex
//   Consumption FUNCTIONS_WORKER_RUNTIME is not an app setting.
// - The app package lives in a blob container of the app's storage account, read with the
//   user-assigned identity; `azd deploy` uploads to it.
// - Every connection is identity-based; secrets are Key Vault references. App setting names are the
//   ones in local.settings.sample.json (checked by infra/check-settings.sh).

@description('Function App name (globally unique; it becomes <name>.azurewebsites.net).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region.')
param location string

@description('Tags; the app also gets azd-service-name: api.')
param tags object

@description('Name of the user-assigned identity (same resource group).')
param identityName string

@description('Name of the storage account (same resource group).')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component (same resource group).')
param appInsightsName string

@description('Name of the Key Vault (same resource group).')
param keyVaultName string

@description('Name of the Key Vault secret holding the SendGrid API key.')
param sendGridApiKeySecretName string

@description('Whether that secret was created (false when the key was left empty).')
param sendGridApiKeyConfigured bool

@description('Name of the Key Vault secret holding the inbound-parse secret.')
param inboundSecretName string

@description('Whether that secret was created (false when it was left empty).')
param inboundSecretConfigured bool

@description('Name of the Key Vault secret holding the store back-end webhook secret.')
param storeWebhookSecretName string

@description('Whether that secret was created (false when it was left empty).')
param storeWebhookSecretConfigured bool

@description('Name of the Key Vault secret holding the key prefilled report-page links are signed with.')
param reportPrefillSecretName string

@description('Whether that secret was created (false when it was left empty).')
param reportPrefillSecretConfigured bool

@description('Name of the Key Vault secret holding the key customer links are signed with (always created).')
param customerLinkSecretName string

@description('Key Vault secret names of the order lookup\'s credentials (shopifyAccessToken, wooCommerceConsumerKey, wooCommerceConsumerSecret); empty where none was given.')
param orderSecretNames object

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Upper bound on instances.')
param maximumInstanceCount int

@description('The app\'s tunable options (see main.bicep for each one\'s meaning and default).')
param options appOptions

@description('The app\'s tunable options, as main.bicep passes them.')
type appOptions = {
  taskHubName: string
  sweepSchedule: string
  emailFromAddress: string
  storeName: string
  storeLogoUrl: string
  storeContactEmail: string
  storePhone: string
  storeColour: string
  inboundSignaturePublicKey: string
  storeAddresses: string
  storeDomains: string
  storeWebhookUrl: string
  orderSource: string
  orderSourceUrl: string
  silenceLimit: string
  discountPercent: int
  longIncidentDiscountPercent: int
  longIncidentAfter: string
  discountValidity: string
  closedIncidentFileRetentionDays: int
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

// Versionless secret URIs: the platform picks up a new secret version within 24 hours (or on restart).
var sendGridApiKeyReference = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${sendGridApiKeySecretName}/)'
var inboundSecretReference = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${inboundSecretName}/)'
var storeWebhookSecretReference = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${storeWebhookSecretName}/)'
var secretReferencePrefix = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/'
var reportPrefillSecretReference = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${reportPrefillSecretName}/)'
var customerLinkSecretReference = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${customerLinkSecretName}/)'

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        // The isolated worker on .NET 10, the target framework of functions/ (Directory.Build.props).
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Every app setting, by the names of local.settings.sample.json. Local-only keys are deliberately
// absent (see the allow-list in infra/check-settings.sh).
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Functions host storage (leases, timers, Durable Task back end), identity-based.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId

    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString

    TaskHubName: options.taskHubName
    SweepSchedule: options.sweepSchedule
    NotificationSchedule: '0 * * * * *'

    // The app's own table/blob clients: account name + identity (Amends__Storage__ConnectionString is local-only).
    Amends__Storage__AccountName: storage.name
    Amends__Storage__ClientId: identity.properties.clientId

    Amends__Email__SendGridApiKey: sendGridApiKeyConfigured ? sendGridApiKeyReference : ''
    Amends__Email__FromAddress: options.emailFromAddress

    Amends__Silence__Limit: options.silenceLimit

    // The store's currency (ISO 4217): every amount in the ledger, reports, API and customer emails is in it.
    Amends__Store__Currency: 'EUR'
    // Who the customer deals with, on every customer page and email (checked at start-up).
    Amends__Store__Name: options.storeName
    Amends__Store__LogoUrl: options.storeLogoUrl
    Amends__Store__ContactEmail: options.storeContactEmail
    Amends__Store__Phone: options.storePhone
    Amends__Store__Colour: options.storeColour

    Amends__Compensation__DiscountPercent: string(options.discountPercent)
    Amends__Compensation__LongIncidentDiscountPercent: string(options.longIncidentDiscountPercent)
    Amends__Compensation__LongIncidentAfter: options.longIncidentAfter
    Amends__Compensation__DiscountValidity: options.discountValidity
    // The same number of days as the storage account's lifecycle rule (storage.bicep).
    Amends__Retention__ClosedIncidentFiles: '${options.closedIncidentFileRetentionDays}.00:00:00'
    // A customer writing within this time of closing reopens the incident; later, a linked follow-up opens.
    Amends__Reopen__Within: '30.00:00:00'
    // Who may add and revoke staff accounts: sign-in names or function key names, comma-separated (docs/staff.md).
    // Per-person function keys are mapped as Amends__Staff__FunctionKeys__<key name>__Name and __Sha256, set per store.
    Amends__Staff__Admins: ''

    // The return policy: the store's defaults; change them here (or in the portal) to change the policy.
    Amends__ReturnPolicy__ReturnWindowDays: '30'
    Amends__ReturnPolicy__ChangedMindFeePercent: '10'
    Amends__ReturnPolicy__WrongItemFeePercent: '10'
    Amends__ReturnPolicy__ReturnShippingPaidBy__Unknown: 'Store'
    Amends__ReturnPolicy__ReturnShippingPaidBy__Store: 'Store'
    Amends__ReturnPolicy__ReturnShippingPaidBy__Carrier: 'Store'
    Amends__ReturnPolicy__ReturnShippingPaidBy__Customer: 'Customer'
    // Local return labels: the store's return address (one setting per line; empty lines are left out),
    // what a label costs the store and the carrier named on it.
    Amends__ReturnLabels__StoreAddress__0: ''
    Amends__ReturnLabels__StoreAddress__1: ''
    Amends__ReturnLabels__StoreAddress__2: ''
    Amends__ReturnLabels__LabelCost: '0'
    Amends__ReturnLabels__Carrier: 'Post'
    // Carrier claims: days after delivery each carrier takes a claim (add one Amends__Claims__Deadlines__<carrier> per carrier), and when staff are reminded.
    Amends__Claims__DefaultDeadlineDays: '30'
    Amends__Claims__Deadlines__Post: '60'
    Amends__Claims__ReminderLead: '3.00:00:00'
    // A return in flight: the customer's reminder, and what a returned item is worth again (docs/returns.md).
    Amends__Returns__ReminderAfter: '7.00:00:00'
    Amends__Returns__PartsMissingRecoveryPercent: '50'
    Amends__Returns__DamagedRecoveryPercent: '0'
    // Staff notices (docs/notifications.md): set the addresses and the chat's webhook URL in the app's settings.
    Amends__Notifications__EmailTo: ''
    Amends__Notifications__DigestInterval: '00:00:00'
    Amends__Notifications__WebhookUrl: ''
    Amends__Notifications__WebhookFormat: 'Slack'
    Amends__Notifications__WebhookAttempts: '5'
    Amends__Notifications__WebhookRetryDelay: '00:01:00'
    Amends__Notifications__Off: ''
    Amends__Notifications__WarnBeforeSilenceUpdate: '2.00:00:00'
    // The store's back end hears of refunds and store credit here; empty sends nothing (staff see a note).
    Amends__StoreBackend__WebhookUrl: options.storeWebhookUrl
    Amends__StoreBackend__WebhookSecret: storeWebhookSecretConfigured ? storeWebhookSecretReference : ''
    // The public "report a problem" page (docs/report-page.md): prefilled links, the form's lifetime, rate limits
    // (per instance, in memory); behind Azure's front end the client's address is the last X-Forwarded-For entry.
    Amends__ReportPage__PrefillSecret: reportPrefillSecretConfigured ? reportPrefillSecretReference : ''
    Amends__ReportPage__DefaultLanguage: 'en'
    Amends__ReportPage__FormLifetime: '1.00:00:00'
    Amends__ReportPage__PerAddressLimit: '10'
    Amends__ReportPage__PerEmailLimit: '5'
    Amends__ReportPage__LimitWindow: '01:00:00'
    Amends__ReportPage__TrustForwardedFor: 'true'

    // Where incidents read their orders (README, "Connect the store's orders"); credentials are Key Vault references.
    Amends__Orders__Source: options.orderSource
    Amends__Orders__Timeout: '00:00:05'
    Amends__Orders__RetryAfter: '00:15:00'
    Amends__Orders__GiveUpAfter: '3.00:00:00'
    Amends__Orders__StoreBackend__BaseUrl: options.orderSource == 'StoreBackend' ? options.orderSourceUrl : ''
    Amends__Orders__Shopify__ShopUrl: options.orderSource == 'Shopify' ? options.orderSourceUrl : ''
    Amends__Orders__Shopify__AccessToken: empty(orderSecretNames.shopifyAccessToken) ? '' : '${secretReferencePrefix}${orderSecretNames.shopifyAccessToken}/)'
    Amends__Orders__Shopify__ApiVersion: '2025-10'
    Amends__Orders__WooCommerce__BaseUrl: options.orderSource == 'WooCommerce' ? options.orderSourceUrl : ''
    Amends__Orders__WooCommerce__ConsumerKey: empty(orderSecretNames.wooCommerceConsumerKey) ? '' : '${secretReferencePrefix}${orderSecretNames.wooCommerceConsumerKey}/)'
    Amends__Orders__WooCommerce__ConsumerSecret: empty(orderSecretNames.wooCommerceConsumerSecret) ? '' : '${secretReferencePrefix}${orderSecretNames.wooCommerceConsumerSecret}/)'

    Amends__InboundSecret: inboundSecretConfigured ? inboundSecretReference : ''
    Amends__InboundSignaturePublicKey: options.inboundSignaturePublicKey

    // Inbound mail and photo limits: SendGrid's 30 MB cap per post; photos checked by content, metadata stripped.
    Amends__Inbound__MaxRequestBytes: '31457280'
    // The store's own addresses and domains: their forwards open the forwarded customer's incident.
    Amends__Inbound__StoreAddresses: options.storeAddresses
    Amends__Inbound__StoreDomains: options.storeDomains
    Amends__Photos__AllowedTypes: 'image/jpeg,image/png,image/heic,image/webp,application/pdf'
    Amends__Photos__MaxFileBytes: '10485760'
    Amends__Photos__MaxMessageBytes: '26214400'
    Amends__Photos__MaxFiles: '10'
    Amends__Photos__MaxPixels: '100000000'

    // Links in customer emails point here, signed with the Key Vault's key; rotating it ends every link sent.
    Amends__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
    Amends__CustomerLinks__Secret: customerLinkSecretReference
    Amends__CustomerLinks__StatusLinkLifetime: '180.00:00:00'
    Amends__CustomerLinks__SatisfactionLinkLifetime: '90.00:00:00'
  }
}

output name string = functionApp.name
output url string = 'https://${functionApp.properties.defaultHostName}'
