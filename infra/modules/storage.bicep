// One storage account for everything the app keeps: the Durable Task back end (Azure Storage
// provider: queues, tables, blobs), the Functions host (leases, timers, deployment package),
// and the app's own data (incident tables, photo and raw-mail blobs).
//
// No shared keys, no anonymous blobs: the app reaches it only with the user-assigned identity.
// (So any SAS the app hands out must be a user delegation SAS, not an account-key SAS.)

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
param name string

@description('Region.')
param location string

@description('Tags for the account.')
param tags object

@description('Blob container that Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Name of the app\'s user-assigned identity (same resource group).')
param identityName string

@minValue(1)
@description('Days after closing that an incident\'s raw mail and photos are kept.')
param closedIncidentFileRetentionDays int

// Built-in role definition ids (the same in every tenant).
var roles = {
  // The Functions host takes blob leases (singleton timers, Durable partition leases) and reads the
  // Flex Consumption deployment package; Durable Task's Azure Storage provider keeps large messages
  // and lease blobs; the app stores photos and raw mail. The host's identity-based
  // AzureWebJobsStorage connection is documented to need Owner, not Contributor, on blobs.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Durable Task's Azure Storage provider runs on queues (control and work-item queues).
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Durable Task keeps orchestration history and instance state in tables; the app keeps
  // incidents, timelines, the cost ledger and discount codes in tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Raw mail and photos of closed incidents are deleted once the retention period has passed. Closing
// an incident tags its blobs (amends-retention = closed) and rewrites their metadata, so their
// last-modified time is the closing time; blobs of open incidents carry no tag and are never matched.
// The app's containers sit at the account's root, named as in src/Amends (no table prefix in Azure).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'closed-incident-files'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'photos/'
                'inbound-mail/'
              ]
              blobIndexMatch: [
                {
                  name: 'amends-retention'
                  op: '=='
                  value: 'closed'
                }
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: closedIncidentFileRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in items(roles): {
    name: guid(storage.id, identity.id, roleId.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId.value)
      principalId: identity.properties.principalId
      // Set explicitly so that a freshly created identity is not looked up in Entra ID (avoids replication delays).
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = storage.name
output deploymentContainerName string = deploymentContainer.name
