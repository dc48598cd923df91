using Amends.Staff;

namespace Amends.Server;

/// <summary>
/// <c>staff add "Ana" [--admin]</c>, <c>staff revoke &lt;id&gt;</c>, <c>staff list</c>: staff accounts from the
/// command line, over the server's storage (the server may be running meanwhile).
/// </summary>
internal static class StaffCommand
{
    public const string Verb = "staff";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var directory = services.GetRequiredService<StaffDirectory>();
        switch (args)
        {
            case ["add", var name, .. var flags]:
                if (StaffDirectory.NameProblem(name) is { } problem)
                {
                    await output.WriteLineAsync($"Name: {problem}");
                    return 2;
                }

                var added = await directory.AddAsync(name, admin: flags.Contains("--admin"));
                await output.WriteLineAsync($"Added {added.Member.Name} ({added.Member.Id}){(added.Member.Admin ? ", admin" : "")}.");
                await output.WriteLineAsync($"Key (shown once; it is stored only as a hash): {added.Key}");
                return 0;
            case ["revoke", var id]:
                if (id == StaffMember.OwnerId)
                {
                    await output.WriteLineAsync("The owner's key is the server's own (Amends:ApiKey or .amends/api-key): change it there.");
                    return 2;
                }

                if (await directory.RevokeAsync(id) is not { } revoked)
                {
                    await output.WriteLineAsync($"There is no staff member {id}.");
                    return 1;
                }

                await output.WriteLineAsync($"Revoked {revoked.Name} ({revoked.Id}) at {revoked.RevokedAt:u}.");
                return 0;
            case ["list"]:
                foreach (var member in await directory.ListAsync())
                {
                    var state = member.Active ? (member.Admin ? "admin" : "active") : $"revoked {member.RevokedAt:u}";
                    await output.WriteLineAsync($"{member.Id}\t{member.Name}\t{state}");
                }

                return 0;
            default:
                await output.WriteLineAsync("Usage: staff add \"Name\" [--admin] | staff revoke <id> | staff list");
                return 2;
        }
    }
}
