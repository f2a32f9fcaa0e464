namespace Velostream.Tests.AppHost;

/// <summary>Paths of the AppHost under test, from the metadata the Aspire SDK generates for it.</summary>
internal static class AppHostPaths
{
    public static string AppHostDirectory => Projects.Velostream_AppHost.ProjectPath;

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(AppHostDirectory, ".."));

    public static string CommittedManifest => Path.Combine(RepositoryRoot, "aspire-manifest.json");
}
