// The app's only credential: a user-assigned managed identity. It reaches storage and Key Vault
// through role assignments (storage.bicep, keyvault.bicep), and it authenticates the Flex
// Consumption deployment container. User-assigned rather than system-assigned so that the role
// assignments exist before the Function App is created and starts its host.

@description('Name of the identity.')
param name string

@description('Region.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
