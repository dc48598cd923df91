namespace Amends.Testing;

/// <summary>Finds files of this repository from a test or benchmark run.</summary>
public static class Repository
{
    /// <summary>The folder that holds Amends.slnx.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Amends.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Amends.slnx not found above " + AppContext.BaseDirectory);
    }
}
