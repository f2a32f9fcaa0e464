namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// Where a relative path written in an application (a config file, a data file a config file names)
/// is read from: the SQL file's folder; when it is not there, the nearest enclosing folder that has
/// it. Velostream resolves such paths from its working directory, which for an application kept in
/// a project is usually the project's root (<c>'config_file' = 'demo/trading/configs/x.yaml'</c>).
/// </summary>
internal static class ConfigPaths
{
    /// <summary>The path to read: <paramref name="path"/> itself when rooted or no folder is known, else as described above (the SQL folder's when found nowhere).</summary>
    public static string Resolve(string path, string? baseDirectory) =>
        FoundInEnclosingFolder(path, baseDirectory) ?? (Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path));

    /// <summary>The full path of a relative <paramref name="path"/> that is not under <paramref name="baseDirectory"/> (null: the working directory) but under one of its enclosing folders; null otherwise.</summary>
    public static string? FoundInEnclosingFolder(string path, string? baseDirectory)
    {
        var start = baseDirectory ?? ".";
        if (Path.IsPathRooted(path) || File.Exists(Path.Combine(start, path)))
        {
            return null;
        }
        for (var folder = Directory.GetParent(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, path);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        return null;
    }
}
