// The four scenario classes live beside this file, one per scenario.
