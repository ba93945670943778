using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Lets -Token and -Password take a SecureString (from Read-Host -AsSecureString, Get-Secret, Import-Clixml)
    /// or a plain string (from an environment variable in a script), storing either as a SecureString so the value
    /// is not kept as a plain string on the cmdlet.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case SecureString secure:
                    return secure;
                case string text:
                    var result = new SecureString();
                    foreach (var c in text) result.AppendChar(c);
                    result.MakeReadOnly();
                    return result;
                default:
                    throw new ArgumentTransformationMetadataException(
                        $"A secret must be a SecureString or a string, not {value.GetType().Name}.");
            }
        }

        internal static string? Reveal(SecureString? secret)
        {
            if (secret == null) return null;
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
