using Amends;
using Amends.Functions;
using Microsoft.Extensions.Hosting;

var app = FunctionsApp.Build(args);
await app.Services.EnsureStorageAsync();
await app.RunAsync();
