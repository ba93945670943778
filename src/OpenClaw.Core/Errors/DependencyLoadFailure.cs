using System;
using System.IO;

namespace OpenClaw.Core.Errors
{
    /// <summary>
    /// Recognises a failure to load one of the module's assemblies and names it as such
    /// (<see cref="ErrorIds.DependencyLoadFailed"/>). The loader's FileLoadException and FileNotFoundException are
    /// IOExceptions, so without this check the offline readers, which turn an unreadable store into
    /// OpenClaw.StateFileInvalid, blamed a good openclaw.sqlite for another module's Microsoft.Data.Sqlite 8.0.
    /// </summary>
    public static class DependencyLoadFailure
    {
        /// <summary>
        /// The error for an assembly that did not load, found in <paramref name="e"/> or its inner exceptions (the
        /// loader's exception often arrives wrapped in a TypeInitializationException or TargetInvocationException);
        /// null for anything else. An OpenClawException is already named, so it is never renamed.
        /// </summary>
        public static OpenClawException? From(Exception e)
        {
            for (var current = e; current != null && !(current is OpenClawException); current = current.InnerException)
            {
                var what = WhatDidNotLoad(current);
                if (what != null)
                {
                    return new OpenClawException(ErrorIds.DependencyLoadFailed, OpenClawErrorKind.NotInstalled,
                        $"OpenClaw.PowerShell could not load {what}: {current.Message}",
                        "Start a new PowerShell session and import OpenClaw.PowerShell; if it still fails, reinstall the module (its Dependencies folder may be incomplete). See docs/dependency-isolation.md.",
                        what, e);
                }
            }
            return null;
        }

        /// <summary>"assembly 'X, Version=…'" or "type 'T'" for a loader failure, null for any other exception.</summary>
        internal static string? WhatDidNotLoad(Exception e) => e switch
        {
            // Only the loader throws these two.
            FileLoadException f => Assembly(f.FileName),
            BadImageFormatException b => Assembly(b.FileName),
            // File.Open throws FileNotFoundException too, with a path; the loader gives an assembly display name.
            FileNotFoundException f when IsAssemblyName(f.FileName) => Assembly(f.FileName),
            TypeLoadException t => $"type '{t.TypeName}'",
            _ => null,
        };

        private static string Assembly(string? name) => string.IsNullOrEmpty(name) ? "an assembly" : $"assembly '{name}'";

        private static bool IsAssemblyName(string? name) =>
            name != null && (name.IndexOf(", Version=", StringComparison.Ordinal) >= 0 || name.IndexOf(", PublicKeyToken=", StringComparison.Ordinal) >= 0);
    }
}
