from __future__ import annotations

import sys

if __name__ == "__main__":
    try:
        from generator.cli import main  # inside the try: Ctrl-C during start-up is no traceback either

        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
