from ferlint.cli import main

raise SystemExit(main())
