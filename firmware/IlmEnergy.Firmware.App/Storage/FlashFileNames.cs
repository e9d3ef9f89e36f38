using System;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// File names of the device core (flat: no folders) and their paths on the LittleFS drive.
    /// Refuses names that would escape the drive root or that LittleFS cannot hold, so a bad name
    /// fails with a clear message instead of touching another file.
    /// </summary>
    public static class FlashFileNames
    {
        /// <summary>nanoFramework's LittleFS drive on ESP32 (the "config" partition, 256 KB).</summary>
        public const string DefaultRoot = "I:\\";

        /// <summary>LittleFS's default name limit (LFS_NAME_MAX).</summary>
        public const int MaxNameLength = 255;

        /// <summary>Null when the name is usable, otherwise why not.</summary>
        public static string Problem(string name)
        {
            if (name == null || name.Length == 0)
            {
                return "file name is empty";
            }

            if (name.Length > MaxNameLength)
            {
                return "file name is longer than " + MaxNameLength.ToString() + " characters";
            }

            if (name == "." || name == "..")
            {
                return "file name '" + name + "' is reserved";
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '\\' || c == '/' || c == ':' || c < ' ')
                {
                    return "file name '" + name + "' contains a path separator, ':' or a control character";
                }
            }

            return null;
        }

        /// <summary>Root + name; throws ArgumentException for an unusable name.</summary>
        public static string ToPath(string root, string name)
        {
            string problem = Problem(name);
            if (problem != null)
            {
                throw new ArgumentException(problem);
            }

            return root + name;
        }

        /// <summary>The name part of a path returned by a directory listing ("I:\\a.bin" → "a.bin").</summary>
        public static string NameOf(string path)
        {
            if (path == null)
            {
                return null;
            }

            int cut = path.Length - 1;
            while (cut >= 0 && path[cut] != '\\' && path[cut] != '/')
            {
                cut--;
            }

            return path.Substring(cut + 1);
        }

        /// <summary>True when <paramref name="name"/> starts with <paramref name="prefix"/> (ordinal; null or empty prefix matches all).</summary>
        public static bool HasPrefix(string name, string prefix)
        {
            if (prefix == null || prefix.Length == 0)
            {
                return true;
            }

            if (name == null || name.Length < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (name[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
