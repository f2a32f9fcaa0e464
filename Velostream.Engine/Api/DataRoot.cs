using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Api;

/// <summary>
/// The folder that applications deployed over the API may read and write (<c>Velostream:DataRoot</c>,
/// by default <c>data</c> under the server's working folder, created at start). Their file connectors,
/// dead-letter files and connector config files resolve under it; absolute paths, <c>..</c> and symbolic
/// links that lead out of it are located errors. They may not name host files or commands through
/// librdkafka properties either, nor read the server's environment through <c>${VAR}</c>.
/// Applications given to <c>serve</c> as files are the operator's own and keep full access.
/// </summary>
internal sealed partial class DataRoot
{
    public const string ConfigurationKey = "Velostream:DataRoot";

    /// <summary>librdkafka properties that name a host file, library or command (by their suffix).</summary>
    private static readonly string[] HostPropertySuffixes = [".location", ".paths", ".keytab", ".cmd"];

    public DataRoot(string path)
    {
        Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        Directory.CreateDirectory(Path);
        // The root itself may be a link (a mounted volume); what counts is where it really is.
        Real = Resolve(Path);
    }

    /// <summary>The root as configured, made absolute.</summary>
    public string Path { get; }

    /// <summary>The root with symbolic links resolved.</summary>
    private string Real { get; }

    public static DataRoot From(IConfiguration configuration) =>
        new(configuration[ConfigurationKey] is { Length: > 0 } configured ? configured : System.IO.Path.Combine(Directory.GetCurrentDirectory(), "data"));

    /// <summary>Why each property of <paramref name="application"/> that reaches the host is not allowed, located.</summary>
    public IReadOnlyList<SqlDiagnostic> Check(SqlApplication application)
    {
        var problems = new List<SqlDiagnostic>();
        foreach (var property in application.Statements.SelectMany(s => s.Properties.Items))
        {
            var key = property.Key.ToLowerInvariant();
            if (property.Value.Contains("${", StringComparison.Ordinal))
            {
                problems.Add(new SqlDiagnostic(property.ValueLocation,
                    "${…} is not expanded in an application deployed over the API (it would read the server's environment)"));
            }
            else if (key.EndsWith(".path", StringComparison.Ordinal) || key == "path" || key.EndsWith("config_file", StringComparison.Ordinal))
            {
                if (PathProblem(property.Value) is { } problem)
                {
                    problems.Add(new SqlDiagnostic(property.ValueLocation, problem));
                }
            }
            else if (HostPropertySuffixes.Any(suffix => key.EndsWith(suffix, StringComparison.Ordinal)))
            {
                problems.Add(new SqlDiagnostic(property.KeyLocation,
                    $"'{property.Key}' names a file or command of the server's host, which an application deployed over the API may not do"));
            }
        }
        return problems;
    }

    /// <summary>Why <paramref name="path"/> may not be used by an API application, or null when it resolves under the root.</summary>
    public string? PathProblem(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }
        if (System.IO.Path.IsPathRooted(path) || path.StartsWith('~'))
        {
            return "absolute paths are not allowed in an application deployed over the API: give a path relative to the server's data root";
        }
        if (path.Split('/', '\\').Any(segment => segment == ".."))
        {
            return "'..' is not allowed in a path of an application deployed over the API: paths stay under the server's data root";
        }
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, path));
        if (!IsUnder(full, Path) || !IsUnder(Resolve(full), Real))
        {
            return "this path leads outside the server's data root (through a symbolic link)";
        }
        return null;
    }

    /// <summary>
    /// <paramref name="text"/> (an error shown over HTTP) without host paths: paths under the root
    /// become relative to it, any other absolute path becomes <c>&lt;path&gt;</c>.
    /// </summary>
    public string Scrub(string text)
    {
        foreach (var root in new[] { Real, Path }.Distinct())
        {
            text = text.Replace(root + System.IO.Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
                .Replace(root, ".", StringComparison.Ordinal);
        }
        return AbsolutePath().Replace(text, "<path>");
    }

    private static bool IsUnder(string full, string root) =>
        full.Equals(root, StringComparison.Ordinal)
        || full.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="full"/> with every symbolic link along it resolved; the part that does not
    /// exist yet (a sink's file, its new folders) is kept as written.
    /// </summary>
    private static string Resolve(string full)
    {
        var root = System.IO.Path.GetPathRoot(full) ?? "/";
        var current = root;
        var segments = full[root.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var next = System.IO.Path.Combine(current, segments[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                // Links are followed to their end; a loop or a dangling link counts as leaving the root.
                FileSystemInfo? target;
                try
                {
                    target = info.ResolveLinkTarget(returnFinalTarget: true);
                }
                catch (IOException)
                {
                    return "/";
                }
                if (target is null)
                {
                    return "/";
                }
                next = Resolve(System.IO.Path.GetFullPath(target.FullName));
            }
            current = next;
        }
        return current;
    }

    // An absolute Unix path of two or more segments, or a Windows drive path.
    [GeneratedRegex(@"(?<![\w.~])(?:[A-Za-z]:\\|/)(?:[^\s'""/\\:]+[/\\])+[^\s'""/\\:,;)]*")]
    private static partial Regex AbsolutePath();
}
