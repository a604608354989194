"""Write answers: every sentence from records and results, and chat-sized pages."""
