using System.Text;
using Amends.Staff;
using Amends.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Staff;

/// <summary>
/// Who a request comes from in Azure: App Service Authentication's signed-in user first, then the person
/// whose function key it carries (mapped by the key's hash in settings), then a staff account's key; each
/// is put in the directory so it can be assigned, and a revoked member is refused. Real Table Storage.
/// </summary>
public sealed class AppServiceSignInTests(AzuriteFixture azurite) : IDisposable
{
    private const string AnaKey = "ana-function-key-0123456789";

    private readonly AmendsTestServices amends = new(azurite, settings: new Dictionary<string, string?>
    {
        ["WEBSITE_AUTH_ENABLED"] = "True",
        ["Amends:Staff:Admins"] = "ana@shop.example, boss",
        ["Amends:Staff:FunctionKeys:ana:Name"] = "Ana Kowalska",
        ["Amends:Staff:FunctionKeys:ana:Sha256"] = StaffDirectory.Hash(AnaKey).ToUpperInvariant(),
    });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_signed_in_user_is_named_from_App_Service_Authentications_headers()
    {
        await using var services = await StartAsync();
        var request = Request();
        request.Headers[AppServiceSignIn.PrincipalNameHeader] = "ana@shop.example";
        request.Headers[AppServiceSignIn.PrincipalHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","claims":[{"typ":"name","val":"Ana Kowalska"},{"typ":"preferred_username","val":"ana@shop.example"}]}"""));

        var result = await services.GetRequiredService<AppServiceSignIn>().SignInAsync(request, Cancel);

        Assert.Equal(new SignInResult(new StaffIdentity("ana@shop.example", "Ana Kowalska", Admin: true), Revoked: false), result);
        Assert.Equal("Ana Kowalska", (await services.GetRequiredService<StaffDirectory>().FindAsync("ana@shop.example", Cancel))!.Name);
    }

    [Fact]
    public async Task Without_App_Service_Authentication_its_headers_are_not_believed()
    {
        using var unprotected = new AmendsTestServices(azurite, settings: new Dictionary<string, string?> { ["Amends:Staff:Admins"] = "boss" });
        await using var services = await unprotected.BuildAsync(cancellationToken: Cancel);
        var request = Request();
        request.Headers[AppServiceSignIn.PrincipalNameHeader] = "boss";

        var result = await services.GetRequiredService<AppServiceSignIn>().SignInAsync(request, Cancel);

        Assert.Equal(new SignInResult(null, Revoked: false), result);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("query")]
    public async Task A_per_person_function_key_names_its_holder_by_the_keys_hash(string sentIn)
    {
        await using var services = await StartAsync();
        var request = Request();
        if (sentIn == "header")
        {
            request.Headers[AppServiceSignIn.FunctionKeyHeader] = AnaKey;
        }
        else
        {
            request.QueryString = new QueryString("?code=" + AnaKey);
        }

        var result = await services.GetRequiredService<AppServiceSignIn>().SignInAsync(request, Cancel);

        Assert.Equal(new StaffIdentity("ana", "Ana Kowalska", Admin: false), result.Identity);
    }

    [Fact]
    public async Task A_shared_key_names_nobody_and_a_revoked_member_is_refused()
    {
        await using var services = await StartAsync();
        var signIn = services.GetRequiredService<AppServiceSignIn>();
        var shared = Request();
        shared.Headers[AppServiceSignIn.FunctionKeyHeader] = "the-host-key";
        var byKey = Request();
        byKey.Headers[AppServiceSignIn.FunctionKeyHeader] = AnaKey;
        await signIn.SignInAsync(byKey, Cancel);
        await services.GetRequiredService<StaffDirectory>().RevokeAsync("ana", Cancel);
        var account = await services.GetRequiredService<StaffDirectory>().AddAsync("Ola", cancellationToken: Cancel);
        await services.GetRequiredService<StaffDirectory>().RevokeAsync(account.Member.Id, Cancel);
        var byAccount = Request();
        byAccount.Headers[AppServiceSignIn.ApiKeyHeader] = account.Key;

        Assert.Equal(new SignInResult(null, Revoked: false), await signIn.SignInAsync(shared, Cancel));
        Assert.Equal(new SignInResult(null, Revoked: true), await signIn.SignInAsync(byKey, Cancel));
        Assert.Equal(new SignInResult(null, Revoked: true), await signIn.SignInAsync(byAccount, Cancel));
    }

    public void Dispose() => amends.Dispose();

    private Task<ServiceProvider> StartAsync() => amends.BuildAsync(cancellationToken: Cancel);

    private static HttpRequest Request() => new DefaultHttpContext().Request;
}
